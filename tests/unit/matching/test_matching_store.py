"""Embedding store: fingerprints, (de)serialisation and cache invalidation."""

import numpy as np
import pytest

from matching.store import (
    ProfileVectors,
    encode_profiles,
    fingerprint,
    is_current,
    vector_from_bytes,
    vector_to_bytes,
)
from matching.testing import HashingEncoder
from matching.types import Profile

PROFILE = Profile(
    id="s1", title="Cockpit Lab", text="We design cockpit screens. We build them for electric cars."
)


def test_fingerprint_stable_for_same_content_and_model() -> None:
    same = Profile(
        id="other-id",
        title="Cockpit Lab",
        text="We design cockpit screens. We build them for electric cars.",
    )
    assert fingerprint(PROFILE, "m") == fingerprint(same, "m")


def test_fingerprint_changes_with_text_title_extras_and_model() -> None:
    base = fingerprint(PROFILE, "m")
    assert fingerprint(Profile(id="s1", title="Cockpit Lab", text="Other."), "m") != base
    assert fingerprint(Profile(id="s1", title="Lab", text=PROFILE.text), "m") != base
    with_extra = Profile(id="s1", title="Cockpit Lab", text=PROFILE.text, extra_texts=("HUD",))
    assert fingerprint(with_extra, "m") != base
    assert fingerprint(PROFILE, "another-model") != base


def test_fingerprint_ignores_tags() -> None:
    tagged = Profile(id="s1", title="Cockpit Lab", text=PROFILE.text, industries=("NEV",))
    assert fingerprint(tagged, "m") == fingerprint(PROFILE, "m")


def test_vector_bytes_round_trip() -> None:
    matrix = np.arange(12, dtype=np.float32).reshape(3, 4) / 7
    blob = vector_to_bytes(matrix)
    assert len(blob) == 48
    np.testing.assert_array_equal(vector_from_bytes(blob, 4), matrix)
    np.testing.assert_array_equal(vector_from_bytes(vector_to_bytes(matrix[0]), 4)[0], matrix[0])


def test_vector_from_bytes_rejects_wrong_dim() -> None:
    with pytest.raises(ValueError):
        vector_from_bytes(vector_to_bytes(np.zeros(5, dtype=np.float32)), 4)


def test_profile_vectors_pack_and_unpack() -> None:
    encoder = HashingEncoder(dim=8)
    (vectors,), _ = encode_profiles(encoder, [PROFILE], with_passages=True)
    back = ProfileVectors.from_bytes(
        vectors.to_bytes(), fingerprint=vectors.fingerprint, model=vectors.model, dim=8
    )
    np.testing.assert_array_equal(back.whole, vectors.whole)
    np.testing.assert_array_equal(back.passages, vectors.passages)
    assert back.passages.shape == (3, 8)  # title + two sentences


def test_encode_reuses_current_vectors_and_reencodes_changed_ones() -> None:
    encoder = HashingEncoder()
    other = Profile(id="s2", text="Packaging for liquor bottles.")
    first, encoded = encode_profiles(encoder, [PROFILE, other])
    assert encoded == ["s1", "s2"] and len(encoder.calls) == 1  # one batched call
    stored = {"s1": first[0], "s2": first[1]}

    again, encoded = encode_profiles(encoder, [PROFILE, other], stored)
    assert encoded == [] and len(encoder.calls) == 1
    assert again[0] is first[0]

    edited = Profile(id="s2", text="Packaging for tea boxes.")
    again, encoded = encode_profiles(encoder, [PROFILE, edited], stored)
    assert encoded == ["s2"] and again[0] is first[0]
    assert is_current(again[1], edited, encoder) and not is_current(first[1], edited, encoder)


def test_new_model_name_reencodes_everything() -> None:
    old = HashingEncoder(name="model-a")
    vectors, _ = encode_profiles(old, [PROFILE])
    new = HashingEncoder(name="model-b")
    again, encoded = encode_profiles(new, [PROFILE], {"s1": vectors[0]})
    assert encoded == ["s1"] and again[0].model == "model-b"


def test_duplicate_texts_encoded_once() -> None:
    encoder = HashingEncoder()
    twin = Profile(id="s3", title=PROFILE.title, text=PROFILE.text)
    encode_profiles(encoder, [PROFILE, twin], with_passages=True)
    assert encoder.calls == [4]  # whole text + 3 passages, shared by both profiles


def test_by_default_only_the_whole_text_is_encoded_and_packs_alone() -> None:
    encoder = HashingEncoder(dim=8)
    (vectors,), _ = encode_profiles(encoder, [PROFILE])
    assert encoder.calls == [1] and vectors.passages.shape == (0, 8)
    back = ProfileVectors.from_bytes(
        vectors.to_bytes(), fingerprint=vectors.fingerprint, model=vectors.model, dim=8
    )
    np.testing.assert_array_equal(back.whole, vectors.whole)
    again, encoded = encode_profiles(encoder, [PROFILE], {"s1": vectors}, with_passages=True)
    assert encoded == ["s1"] and again[0].passages.shape == (3, 8)  # passages asked for: encoded
