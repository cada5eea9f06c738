"""What a demo project picture shows: a motif chosen from the project's words, drawn from shapes.

`motif_for` reads the title first, then the description, then falls back on the industry, so a
drone study shows a drone and hotpot packaging shows boxes and jars. Every motif is deterministic
for its seed and clearly a drawing, never a photograph.
"""

from __future__ import annotations

import math
import random
import re

from PIL import ImageDraw

# First match wins, in this order (specific things before general words like 设计 or study).
KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("drone", ("无人机", "空中出租车", "低空", "evtol", "飞行器", "机巢", "drone", "rotor",
               "aircraft", "airframe")),
    ("wheel", ("轮毂", "辐条轮", "一体轮", "wheel")),
    ("moto", ("摩托", "街车", "车架", "平叉", "骑姿", "座垫", "电摩", "motorcycle", "scooter")),
    ("robot", ("机器人", "机械臂", "robot")),
    ("appliance", ("电饭煲", "空气炸锅", "水壶", "榨汁杯", "破壁机", "咖啡机", "家电", "kettle",
                   "appliance")),
    ("battery", ("电池", "储能", "液冷", "电芯", "换电", "充电", "光伏", "battery", "charg")),
    ("bottle", ("酒瓶", "瓶", "白酒", "果酒", "bottle")),
    ("package", ("包装", "礼盒", "伴手礼", "茶盒", "快递箱", "罐", "泡罩", "说明书", "packag",
                 "label", "box")),
    ("garment", ("旗袍", "夹克", "骑行裤", "卫衣", "童裤", "园服", "服饰", "衣", "鞋", "皮件",
                 "双肩包", "内胆包", "提花", "床品", "jacket", "garment", "shoe")),
    ("phone", ("手机", "平板", "手表", "耳机", "笔记本", "显示器", "终端", "手持", "音箱", "phone",
               "tablet", "watch", "laptop", "monitor", "terminal", "messenger", "router")),
    ("screen", ("界面", "app", "hmi", "仪表", "屏", "软件", "平台", "看板", "导航", "hud", "页面",
                "问答", "对话", "dashboard", "interface", "software", "configurator", "vr", "ar")),
    ("space", ("店", "展厅", "展台", "空间", "餐馆", "面馆", "茶馆", "门诊", "体检", "取餐点",
               "休息区", "体验区", "store", "showroom", "stand", "lab scene", "catheter lab")),
    ("car", ("车", "座舱", "座椅", "驾驶室", "vehicle", "car", "cab", "seat", "suv")),
    ("machine", ("机床", "加工中心", "切割机", "灌装", "装盒线", "产线", "仪", "机架", "机",
                 "machine", "instrument", "cell", "line", "palletiser")),
    ("swatch", ("色卡", "涂层", "面料", "色", "漆", "材料", "样板", "皮革", "阳极", "玻璃", "盖板",
                "colour", "coating", "finish", "dye", "fabric")),
    ("chart", ("仿真", "分析", "孪生", "模拟", "碳", "研究", "测试", "simulation", "cfd", "twin",
               "study", "carbon", "footprint", "report")),
    ("service", ("服务", "流程", "旅程", "认养", "service", "scheme", "journey")),
)  # fmt: skip
BY_INDUSTRY = {
    "NEV": "car", "ELEC": "phone", "AMAT": "swatch", "EQUIP": "machine", "FOOD": "package",
    "SOFT": "screen", "DISP": "screen", "MOTO": "moto", "ALLOY": "wheel", "TEXT": "garment",
    "BIO": "machine", "ENERGY": "battery", "FUTURE": "drone",
}  # fmt: skip
MOTIFS = (*(name for name, _words in KEYWORDS), "brand")


def _has(word: str, text: str) -> bool:
    """Chinese words anywhere; Latin words only where a word starts (app, not appliance's end)."""
    if not word.isascii():
        return word in text
    return re.search(rf"(?<![a-z]){re.escape(word)}", text) is not None


def motif_for(title: str, description: str = "", industry: str | None = None) -> str:
    """The motif a project's picture shows: from its title, else its description, else industry."""
    for text in (title, description):
        lowered = text.lower()
        for name, words in KEYWORDS:
            if any(_has(word, lowered) for word in words):
                return name
    return BY_INDUSTRY.get(industry or "", "brand")


def _wheel(draw: ImageDraw.ImageDraw, cx: int, cy: int, r: int, ink: str, spokes: int) -> None:
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=ink, width=max(8, r // 6))
    for k in range(spokes):
        angle = 6.2832 * k / spokes
        x, y = cx + int(r * 0.85 * math.cos(angle)), cy + int(r * 0.85 * math.sin(angle))
        draw.line((cx, cy, x, y), fill=ink, width=max(4, r // 14))
    draw.ellipse((cx - r // 6, cy - r // 6, cx + r // 6, cy + r // 6), fill=ink)


def draw_motif(draw: ImageDraw.ImageDraw, motif: str, rng: random.Random, colours) -> None:
    """Draw `motif` on a 1200×900 canvas whose ground line is at y=640."""
    ink, accent, paper, second = colours
    grey = "#9aa5b1"
    if motif == "car":
        body = (rng.randint(200, 280), rng.randint(330, 380), rng.randint(920, 1000), 600)
        draw.rounded_rectangle(body, radius=60, fill=second)
        draw.polygon([(body[0] + 160, body[1]), (body[0] + 280, 220), (body[2] - 260, 220),
                      (body[2] - 120, body[1])], fill=ink)  # fmt: skip
        draw.polygon([(body[0] + 200, body[1] - 10), (body[0] + 295, 245), (body[2] - 280, 245),
                      (body[2] - 170, body[1] - 10)], fill="#c9d6df")  # fmt: skip
        for x in (body[0] + 150, body[2] - 150):
            _wheel(draw, x, 600, 80, "#333", 5)
    elif motif == "moto":
        for x in (360, 840):
            _wheel(draw, x, 560, 120, "#333", rng.choice((3, 5, 10)))
        draw.line((360, 560, 560, 380, 760, 380, 840, 560), fill=ink, width=22)
        draw.ellipse((500, 300, 720, 420), fill=second)
        draw.rounded_rectangle((700, 330, 900, 380), radius=20, fill=accent)
        draw.line((840, 560, 800, 300, 760, 250), fill=ink, width=16)
    elif motif == "wheel":
        spokes = rng.choice((5, 6, 7, 10))
        _wheel(draw, 600, 400, 260, ink, spokes)
        draw.ellipse((420, 220, 780, 580), outline=accent, width=10)
    elif motif == "drone":
        draw.rounded_rectangle((500, 320, 700, 440), radius=40, fill=ink)
        for dx, dy in ((-1, -1), (1, -1), (-1, 1), (1, 1)):
            x, y = 600 + dx * 300, 380 + dy * 150
            draw.line((600, 380, x, y), fill=ink, width=18)
            draw.ellipse((x - 130, y - 22, x + 130, y + 22), fill=accent)
            draw.ellipse((x - 14, y - 14, x + 14, y + 14), fill="#333")
        draw.rectangle((560, 440, 640, 520), fill=second)
    elif motif == "robot":
        draw.ellipse((500, 140, 700, 320), fill=second)
        draw.ellipse((550, 200, 580, 230), fill=paper)
        draw.ellipse((620, 200, 650, 230), fill=paper)
        draw.rounded_rectangle((470, 330, 730, 600), radius=60, fill=ink)
        draw.rounded_rectangle((520, 380, 680, 460), radius=20, fill=accent)
        draw.line((470, 380, 360, 520), fill=ink, width=40)
        draw.line((730, 380, 840, 520), fill=ink, width=40)
        draw.rounded_rectangle((500, 600, 700, 640), radius=15, fill="#333")
    elif motif == "battery":
        draw.rounded_rectangle((260, 260, 940, 620), radius=24, fill=ink)
        for row in range(3):
            for col in range(6):
                x, y = 300 + col * 106, 300 + row * 104
                draw.rounded_rectangle((x, y, x + 90, y + 88), radius=10,
                                       fill=accent if (row + col) % 4 == 0 else second)  # fmt: skip
        draw.line((260, 240, 940, 240), fill=grey, width=12)
    elif motif == "bottle":
        for k, x in enumerate((380, 620, 840)):
            h = rng.randint(360, 440)
            top = 640 - h
            colour = (second, accent, ink)[k]
            draw.rounded_rectangle((x - 80, top + 140, x + 80, 640), radius=40, fill=colour)
            draw.rectangle((x - 26, top + 20, x + 26, top + 160), fill=colour)
            draw.rectangle((x - 32, top, x + 32, top + 40), fill="#333")
            draw.rectangle((x - 60, top + 300, x + 60, top + 380), fill=paper)
    elif motif == "package":
        draw.rectangle((220, 340, 560, 640), fill=second)
        draw.polygon([(220, 340), (300, 280), (640, 280), (560, 340)], fill=ink)
        draw.polygon([(560, 340), (640, 280), (640, 580), (560, 640)], fill="#333")
        draw.rectangle((260, 420, 520, 520), fill=paper)
        draw.rounded_rectangle((700, 400, 880, 640), radius=30, fill=accent)
        draw.rectangle((690, 370, 890, 410), fill=ink)
        draw.polygon([(920, 640), (940, 420), (1060, 420), (1080, 640)], fill=grey)
    elif motif == "garment":
        draw.polygon([(430, 200), (520, 170), (600, 230), (680, 170), (770, 200), (900, 380),
                      (820, 430), (760, 360), (760, 640), (440, 640), (440, 360), (380, 430),
                      (300, 380)], fill=second)  # fmt: skip
        draw.line((600, 230, 600, 640), fill=ink, width=6)
        for y in range(300, 620, 70):
            draw.ellipse((612, y, 632, y + 20), fill=accent)
    elif motif == "phone":
        draw.rounded_rectangle((330, 140, 610, 640), radius=44, fill=ink)
        draw.rounded_rectangle((350, 170, 590, 610), radius=30, fill=second)
        draw.rounded_rectangle((700, 260, 980, 640), radius=36, fill=ink)
        for k in range(3):
            draw.ellipse((730, 290 + k * 70, 790, 350 + k * 70), fill=accent)
    elif motif == "screen":
        draw.rounded_rectangle((200, 140, 1000, 600), radius=24, fill=ink)
        draw.rectangle((230, 170, 970, 570), fill=paper)
        draw.rectangle((230, 170, 420, 570), fill=second)
        for k in range(3):
            draw.rounded_rectangle((450 + k * 170, 200, 600 + k * 170, 330), radius=14,
                                   fill=(accent, grey, "#c9d6df")[k])  # fmt: skip
        for k in range(4):
            draw.rounded_rectangle((450, 360 + k * 50, 450 + rng.randint(200, 480), 390 + k * 50),
                                   radius=10, fill=grey)  # fmt: skip
        draw.rectangle((560, 600, 640, 640), fill="#333")
    elif motif == "space":
        draw.polygon([(0, 640), (300, 380), (900, 380), (1200, 640)], fill="#d8d2c4")
        draw.rectangle((300, 120, 900, 380), fill="#ebe6dc")
        draw.polygon([(0, 0), (300, 120), (300, 380), (0, 640)], fill="#ddd6c8")
        draw.rectangle((420, 420, 780, 520), fill=ink)
        draw.rectangle((440, 200, 560, 320), fill=accent)
        draw.rectangle((640, 200, 760, 320), fill=second)
        draw.ellipse((580, 100, 620, 140), fill=accent)
    elif motif == "machine":
        draw.rounded_rectangle((240, 180, 900, 640), radius=20, fill=second)
        draw.rounded_rectangle((290, 240, 640, 560), radius=16, fill="#c9d6df")
        draw.rectangle((690, 240, 860, 420), fill=ink)
        for k in range(3):
            draw.ellipse((700 + k * 55, 450, 740 + k * 55, 490), fill=accent)
        draw.rectangle((240, 600, 900, 640), fill="#333")
    elif motif == "swatch":
        for row in range(2):
            for col in range(4):
                x, y = 200 + col * 210, 200 + row * 220
                fill = rng.choice((ink, accent, second, grey, "#c9b79c", "#6c7a89"))
                draw.rounded_rectangle((x, y, x + 180, y + 180), radius=18, fill=fill)
    elif motif == "chart":
        for k in range(7):
            r = 280 - k * 38
            colour = (second, "#6c9fb0", "#9cc5a1", "#e8c547", "#f08a4b", accent, "#b4441b")[k]
            draw.ellipse((600 - r * 1.5, 390 - r, 600 + r * 1.5, 390 + r), fill=colour)
        for x in range(160, 1060, 60):
            draw.line((x, 110, x, 640), fill=paper, width=1)
    elif motif == "service":
        points = [(220 + k * 190, 380 + rng.randint(-120, 120)) for k in range(5)]
        draw.line(points, fill=ink, width=10)
        for k, (x, y) in enumerate(points):
            draw.ellipse((x - 50, y - 50, x + 50, y + 50), fill=(accent, second)[k % 2])
            draw.rounded_rectangle((x - 70, 560, x + 70, 620), radius=12, fill=grey)
    elif motif == "appliance":
        draw.rounded_rectangle((380, 260, 820, 640), radius=120, fill=second)
        draw.rounded_rectangle((420, 200, 780, 290), radius=40, fill=ink)
        draw.ellipse((560, 420, 640, 500), fill=accent)
        draw.rounded_rectangle((820, 330, 900, 520), radius=30, outline=ink, width=18)
    else:  # brand
        draw.ellipse((320, 160, 640, 480), fill=accent)
        draw.rounded_rectangle((680, 200, 940, 260), radius=12, fill=ink)
        draw.rounded_rectangle((680, 290, 880, 330), radius=12, fill=grey)
        draw.rectangle((320, 520, 940, 600), fill=second)
