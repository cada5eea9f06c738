"""VECTOR_CACHE_PATH: the site's processes share model vectors through one file, or not at all."""

from __future__ import annotations

import logging

from matching.encoder import SentenceTransformerEncoder
from matching.vector_cache import CachedEncoder
from tests.conftest import make_app


def configured_encoder(tmp_path, **config):
    from marketplace.services.matching.encoding import encoder

    app = make_app(tmp_path, tmp_path / "site.db", MATCHING_ENCODER="model", **config)
    with app.app_context():
        return encoder()


def test_the_model_is_read_through_the_cache_file_the_setting_names(tmp_path):
    enc = configured_encoder(tmp_path, VECTOR_CACHE_PATH=str(tmp_path / "v.sqlite"))

    assert isinstance(enc, CachedEncoder)
    assert isinstance(enc.inner, SentenceTransformerEncoder)
    assert (tmp_path / "v.sqlite").is_file()
    assert configured_encoder(tmp_path, VECTOR_CACHE_PATH=str(tmp_path / "v.sqlite")) is enc


def test_an_empty_setting_means_the_model_alone(tmp_path):
    enc = configured_encoder(tmp_path, VECTOR_CACHE_PATH="")

    assert isinstance(enc, SentenceTransformerEncoder)


def test_a_cache_file_that_cannot_be_opened_leaves_the_model_alone_and_says_so(tmp_path, caplog):
    (tmp_path / "taken").mkdir()  # a folder where the file should be

    with caplog.at_level(logging.WARNING):
        enc = configured_encoder(tmp_path, VECTOR_CACHE_PATH=str(tmp_path / "taken"))

    assert isinstance(enc, SentenceTransformerEncoder)
    assert "cannot be opened" in caplog.text
