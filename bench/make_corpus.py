#!/usr/bin/env python3
"""Generate a seeded corpus of synthetic Arabic news articles in Markdown.

This is the project's own copy of the shared corpus generator, kept in bench/ so
that a fresh clone can make test sites and run the benchmark (bench/run) without
anything outside the repository. Same command line, same output layout, and the
same arguments give the same bytes as the original.

    python3 make_corpus.py DIR --articles N [--seed S] [--flavor plain|pelican|hugo]
                           [--tags-pool T] [--write-config]

plain:   DIR/YYYY/MM/SLUG.md with YAML front matter (the project's contract);
         with --write-config, DIR/config.yaml and the articles under DIR/content/.
pelican: DIR/content/SLUG.md with Pelican metadata, plus DIR/pelicanconf.py.
hugo:    DIR/content/posts/SLUG.md with YAML front matter, plus DIR/hugo.toml
         and a tiny DIR/layouts/ set.

The same arguments always give byte-identical files. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

BASE_URL = "https://example.org/news/"
SITE_TITLE = "أخبار اليوم التجريبية"

# --- vocabulary: real Arabic news words and phrases -------------------------
# fmt: off

CITIES = (
    "القاهرة", "الإسكندرية", "الجيزة", "أسوان", "الأقصر", "بورسعيد", "طنطا",
    "المنصورة", "طهران", "موسكو", "كييف", "الرياض", "جدة", "دبي", "أبوظبي",
    "الدوحة", "الكويت", "بغداد", "دمشق", "بيروت", "عمّان", "القدس", "غزة",
    "تونس", "الجزائر", "الرباط", "الخرطوم", "طرابلس", "صنعاء", "مسقط",
    "المنامة", "أنقرة", "إسطنبول", "واشنطن", "نيويورك", "لندن", "باريس",
    "برلين", "بكين", "طوكيو", "نيودلهي", "أديس أبابا", "بروكسل", "جنيف",
)
COUNTRIES = (
    "مصر", "روسيا", "أوكرانيا", "إيران", "السعودية", "الإمارات", "قطر",
    "العراق", "سوريا", "لبنان", "الأردن", "فلسطين", "تونس", "الجزائر",
    "المغرب", "السودان", "ليبيا", "اليمن", "سلطنة عمان", "البحرين", "تركيا",
    "الولايات المتحدة", "بريطانيا", "فرنسا", "ألمانيا", "الصين", "اليابان",
    "الهند", "إثيوبيا", "إيطاليا", "إسبانيا", "البرازيل",
)
NATIONALITIES = (  # indefinite: «وفد عسكري إيراني»
    "إيراني", "روسي", "صيني", "تركي", "سعودي", "أمريكي",
    "فرنسي", "أوكراني", "إماراتي", "أردني", "جزائري", "ألماني",
)
PERSONS = (
    "الرئيس عبد الفتاح السيسي", "الرئيس الروسي فلاديمير بوتين",
    "الرئيس الأوكراني فولوديمير زيلينسكي", "رئيس الوزراء مصطفى مدبولي",
    "وزير الخارجية سامح شكري", "وزير الدفاع الروسي سيرجي شويجو",
    "الأمين العام للأمم المتحدة أنطونيو غوتيريش",
    "المتحدث باسم الكرملين ديمتري بيسكوف", "محافظ البنك المركزي",
    "وزير المالية", "وزير التموين", "وزير التخطيط", "المتحدث العسكري",
    "قائد القوات البرية", "مدرب المنتخب الوطني", "رئيس النادي الأهلي",
    "مصدر حكومي مطلع", "المتحدث باسم وزارة الصحة", "محافظ الجيزة",
    "وزير الطاقة السعودي", "وزير الخارجية الإيراني", "رئيس مجلس النواب",
)
SHORT_PERSONS = (
    "بوتين", "زيلينسكي", "السيسي", "بايدن", "ماكرون", "أردوغان", "غوتيريش",
    "شويجو", "لافروف", "بلينكن", "مدبولي", "شولتس",
)
EXPERTS = (
    "أستاذ الاقتصاد بجامعة القاهرة", "الخبير المصرفي", "محلل أسواق المال",
    "خبير العلاقات الدولية", "الباحث في الشؤون الإيرانية", "الناقد الرياضي",
)
ORGS = (
    "الأمم المتحدة", "مجلس الأمن", "الاتحاد الأوروبي", "جامعة الدول العربية",
    "صندوق النقد الدولي", "البنك الدولي", "البنك المركزي المصري",
    "وزارة الدفاع الروسية", "وزارة الخارجية", "الهيئة العامة للأرصاد الجوية",
    "الاتحاد المصري لكرة القدم", "منظمة الصحة العالمية", "وكالة الأنباء الرسمية",
    "مجلس النواب", "الحكومة", "وزارة التخطيط", "الجهاز المركزي للتعبئة والإحصاء",
    "وكالة الطاقة الدولية", "منظمة التجارة العالمية",
)
LATIN_MEDIA = ("Reuters", "Bloomberg", "CNN", "BBC", "AFP", "The New York Times",
               "Financial Times", "Associated Press")
LATIN_COMPANIES = ("Apple", "Google", "Microsoft", "Tesla", "Samsung", "OpenAI",
                   "Meta", "Huawei", "Amazon")
LATIN_SOCIAL = ("X", "TikTok", "Facebook", "WhatsApp", "Instagram", "YouTube")
LATIN_INDEXES = ("S&P 500", "Nasdaq", "EGX30", "Dow Jones", "FTSE 100", "Nikkei")
EVENTS = (
    "مباحثات ثنائية", "زيارة رسمية", "مؤتمر صحفي", "اجتماع طارئ", "قمة إقليمية",
    "مناورات عسكرية", "اتفاقية تعاون", "حزمة عقوبات جديدة", "موجة حارة",
    "أمطار غزيرة", "ارتفاع الأسعار", "تراجع التضخم", "انتخابات رئاسية",
    "مفاوضات وقف إطلاق النار", "صفقة تبادل الأسرى", "مشروع قانون جديد",
    "خطة إصلاح اقتصادي", "أزمة الطاقة", "هجوم بطائرات مسيرة",
    "قرار رفع أسعار الفائدة", "معرض دولي", "بطولة قارية", "مباراة ودية",
    "موسم سياحي", "حملة تطعيم",
)
ACTIONS = (
    "تعزيز التعاون المشترك", "دعم الاستقرار في المنطقة", "خفض معدلات التضخم",
    "جذب الاستثمارات الأجنبية", "زيادة الصادرات", "تطوير البنية التحتية",
    "توفير السلع الأساسية", "حماية المدنيين", "ضبط الأسواق",
    "تنفيذ المشروعات القومية", "رفع كفاءة الخدمات", "مواجهة التغيرات المناخية",
    "تأمين إمدادات الطاقة", "إنهاء الأزمة عبر الحوار", "زيادة الاستعداد القتالي",
)
CONTEXTS = (
    "الحرب في أوكرانيا", "التوترات في المنطقة", "أزمة الطاقة العالمية",
    "تباطؤ الاقتصاد العالمي", "موجة الحر الشديدة", "ارتفاع أسعار الغذاء",
)
TOPICS = (
    "الطاقة", "الأمن الغذائي", "الحبوب", "اللاجئين", "البرنامج النووي الإيراني",
    "سد النهضة", "الديون الخارجية", "التجارة الحرة", "المناخ",
)
TEAMS = (
    "النادي الأهلي", "نادي الزمالك", "بيراميدز", "الإسماعيلي", "المصري البورسعيدي",
    "الهلال السعودي", "النصر", "الاتحاد", "ريال مدريد", "برشلونة", "ليفربول",
    "مانشستر سيتي", "الوداد المغربي", "الترجي التونسي",
)
PLAYERS = ("محمد صلاح", "عمر مرموش", "كريستيانو رونالدو", "كريم بنزيما",
           "إمام عاشور", "أشرف حكيمي", "رياض محرز", "Erling Haaland", "Kylian Mbappé")
STADIUMS = ("استاد القاهرة الدولي", "برج العرب", "استاد الملك فهد الدولي",
            "سانتياغو برنابيو", "أنفيلد")
REGIONS = ("السواحل الشمالية", "الوجه البحري", "شمال الصعيد", "جنوب سيناء",
           "القاهرة الكبرى")
PLACE_THINGS = ("معرض الجيش السنوي", "محطة الكهرباء الجديدة", "العاصمة الإدارية الجديدة",
                "ميناء الإسكندرية", "مستشفى الجامعة", "مشروع الدلتا الجديدة")
WEEKDAYS = ("الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
          "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")
AUTHORS = ("أحمد عبد الله", "محمد السيد", "سارة محمود", "منى حسن", "خالد إبراهيم",
           "ياسمين عادل", "عمرو سامي", "هبة مصطفى", "محمود فؤاد", "نورهان علي")
SOURCES = (
    ("صدى البلد", "https://www.elbalad.news/"),
    ("اليوم السابع", "https://www.youm7.com/story/"),
    ("الأهرام", "https://gate.ahram.org.eg/News/"),
    ("المصري اليوم", "https://www.almasryalyoum.com/news/details/"),
    ("الشروق", "https://www.shorouknews.com/news/view.aspx?id="),
    ("سكاي نيوز عربية", "https://www.skynewsarabia.com/world/"),
    ("العربية", "https://www.alarabiya.net/arab-and-world/"),
    ("بي بي سي عربي", "https://www.bbc.com/arabic/articles/"),
)

SLOTS: dict[str, tuple[str, ...]] = {
    "city": CITIES, "country": COUNTRIES, "place": CITIES + COUNTRIES,
    "nat": NATIONALITIES, "person": PERSONS, "short_person": SHORT_PERSONS,
    "expert": EXPERTS, "org": ORGS, "media": LATIN_MEDIA, "company": LATIN_COMPANIES,
    "social": LATIN_SOCIAL, "index": LATIN_INDEXES, "event": EVENTS,
    "action": ACTIONS, "context": CONTEXTS, "topic": TOPICS, "team": TEAMS,
    "player": PLAYERS, "stadium": STADIUMS, "region": REGIONS,
    "thing": PLACE_THINGS, "weekday": WEEKDAYS, "month": MONTHS,
}
NUMBER_SLOTS = {
    "year": (2019, 2026), "small": (2, 9), "num": (12, 950), "minute": (3, 90),
    "temp": (18, 46), "hour": (11, 12), "hour2": (15, 17), "rank": (1, 18),
    "day": (1, 28), "wc_year": (2026, 2026),
}

LEAD_SENTENCES = (
    "قال {short_person} إن {year} سيكون عامًا حاسمًا بالنسبة إلى {place}، "
    "مؤكدًا أن {org} ستواصل {action}.",
    "ذكرت وكالة {media} أن {person} وصل إلى {city} اليوم {weekday} في زيارة تستمر {small} أيام.",
    "سجل معدل التضخم السنوي {pct} خلال شهر {month} {year}، وفقًا لبيانات {org}.",
    "فاز {team} على {team} بنتيجة {score} في المباراة التي أقيمت على ملعب {stadium}.",
    "توقعت الهيئة العامة للأرصاد الجوية أن تسجل درجات الحرارة العظمى في {city} {temp} درجة مئوية.",
    "أطلقت شركة {company} تحديثًا جديدًا يتضمن ميزات تعتمد على الذكاء الاصطناعي في {country}.",
)
SENTENCES = (
    "وأكد {person}، في تصريحات صحفية يوم {weekday}، أن بلاده تسعى إلى {action} بالتنسيق مع {org}.",
    "واستقبل {person} وفدًا رفيع المستوى من {country} في {city}، حيث بحث الجانبان سبل {action}.",
    "وذكرت وكالة {media} أن {event} في {place} جرت وسط إجراءات أمنية مشددة.",
    "ووصفت {org} {event} بأنها خطوة مهمة نحو {action}، وفقًا لبيان رسمي.",
    "وأضاف أن {num} من المسؤولين شاركوا في {event} التي استمرت {small} ساعات.",
    "وحذر {person} من تداعيات {event} على {place}، داعيًا إلى {action}.",
    "ويأتي ذلك بعد نحو {small} أشهر من {event} التي أثارت جدلًا واسعًا في {place}.",
    "ونقلت صحيفة {media} عن مصدر مطلع قوله إن المحادثات تناولت ملف {topic}.",
    "وأشار التقرير إلى أن {country} و{country} اتفقتا على {action} خلال الفترة المقبلة.",
    "وقال {short_person} إن {year} شهد تقدمًا ملموسًا في ملف {topic}، رغم {context}.",
    "وارتفع سعر صرف الدولار أمام الجنيه إلى {price} جنيه في تعاملات اليوم، بحسب بيانات {org}.",
    "وتراجع مؤشر {index} بنسبة {pct} عند الإغلاق، متأثرًا بمخاوف المستثمرين من {event}.",
    "وقرر البنك المركزي تثبيت أسعار الفائدة عند {pct}، في خطوة توقعها أغلب المحللين.",
    "وبلغت قيمة الاستثمارات الجديدة نحو {num} مليون دولار، وفقًا لما أعلنه {person}.",
    "وارتفع سعر خام Brent إلى {price} دولار للبرميل بعد قرار تحالف OPEC+ خفض الإنتاج.",
    "وقال {expert} إن {year} قد يشهد تحسنًا في معدلات النمو إذا نجحت الحكومة في {action}.",
    "وسجل {player} هدف التقدم في الدقيقة {minute} بعد تمريرة رائعة من زميله.",
    "ويستعد المنتخب الوطني لمواجهة منتخب {country} ضمن تصفيات كأس العالم FIFA {wc_year}.",
    "وأعلن {team} التعاقد مع لاعب جديد لمدة {small} مواسم في صفقة بلغت {num} ألف يورو.",
    "ويحتل {team} المركز {rank} في جدول ترتيب الدوري برصيد {num} نقطة.",
    "ونصحت الهيئة المواطنين بتجنب التعرض المباشر لأشعة الشمس "
    "من الساعة {hour} ظهرًا حتى الساعة {hour2} عصرًا.",
    "وتشهد مناطق {region} سقوط أمطار متوسطة قد تكون رعدية أحيانًا، مع نشاط للرياح بسرعة {num} كم/س.",
    "وتداول مستخدمو منصة {social} مقطع فيديو يظهر {event} في {city}.",
    "وأعلنت وزارة الصحة تسجيل {num} حالة جديدة خلال الساعات الـ24 الماضية.",
    "وبحسب الإحصاءات الرسمية، بلغ عدد السكان في {city} نحو {num} ألف نسمة عام {year}.",
    "ولم يصدر أي تعليق رسمي من {org} حتى موعد نشر هذا الخبر.",
    "ومن المقرر أن تُعقد الجلسة المقبلة يوم {weekday} {day} {month} الجاري في {city}.",
    "وأوضح {person} أن المرحلة الأولى من المشروع تشمل {num} وحدة سكنية بتكلفة {num} مليون جنيه.",
    "وأظهرت اللقطات {person} وهو يتفقد {thing} برفقة عدد من المسؤولين.",
    "وتجدر الإشارة إلى أن {org} كانت قد أعلنت في {month} الماضي عن {event}.",
    "ووفقًا لتقرير نشرته {media}، "
    "فإن حجم التبادل التجاري بين {country} و{country} بلغ {num} مليار دولار.",
)
TITLES = (
    "{person} يبحث مع وفد {nat} سبل {action}",
    "وفد عسكري {nat} يزور {city} وسط {context}",
    "ارتفاع سعر الدولار أمام الجنيه في تعاملات اليوم {weekday}",
    "الأرصاد تحذر من {event} على {region} خلال الأيام المقبلة",
    "{team} يفوز على {team} ويقترب من صدارة الدوري",
    "{org}: {event} في {city} بمشاركة {num} دولة",
    "{short_person}: {year} سيشهد {event} جديدة في {place}",
    "شركة {company} تطلق ميزات جديدة لمستخدميها في {country}",
    "تراجع مؤشر {index} بنسبة {pct} مع ترقب قرار الفائدة",
)
TITLE_TAILS = (
    "وسط {context}", "خلال العام الجاري", "بحسب {org}", "في {city}",
    "للمرة الأولى منذ {year}", "بعد {event}", "اليوم {weekday}",
    "وفق تقرير {media}", "وسط ترقب واسع",
)
HEADINGS = ("تفاصيل {event}", "ردود الفعل", "خلفية الأزمة", "توقعات الأيام المقبلة",
            "ماذا قال {short_person}؟", "أرقام وحقائق", "موقف {org}")
QUOTES = ("نحن ملتزمون بـ{action}، ولن نتراجع عن ذلك",
          "إن {country} شريك استراتيجي، والتعاون معها سيستمر",
          "الأرقام تؤكد أن {year} سيكون أفضل من سابقه",
          "لا بديل عن الحوار لإنهاء {event}")
LIST_INTROS = ("وتضمنت أبرز بنود الاتفاق ما يلي:", "وجاءت أبرز التوصيات كالتالي:",
               "وشملت الإجراءات الجديدة:")
LIST_ITEMS = ("{action}", "{event} في {city}", "تخصيص {num} مليون دولار لـ{action}",
              "متابعة ملف {topic} مع {org}")
LINK_SENTENCES = ("ولمزيد من التفاصيل، اقرأ أيضًا: [{event} في {city}]({url}).",
                  "وكان [{org}]({url}) قد نشر تقريرًا مفصلًا عن {topic}.")

TAG_TOPICS = (
    "الحرب الروسية الأوكرانية", "الاقتصاد المصري", "أسعار الذهب", "سعر الدولار",
    "الدوري المصري", "كأس العالم", "حالة الطقس", "الأمم المتحدة", "البنك المركزي",
    "التضخم", "أسعار الفائدة", "أسعار النفط", "الطاقة", "الذكاء الاصطناعي",
    "الأهلي", "الزمالك", "محمد صلاح", "فلاديمير بوتين", "الانتخابات الرئاسية",
    "الأمن الغذائي", "سد النهضة", "البرنامج النووي الإيراني", "الاستثمار",
    "البورصة المصرية", "التعليم", "الصحة", "السياحة", "الإسكان", "أخبار عاجلة",
    "الأرصاد الجوية", "الاتحاد الأوروبي", "جامعة الدول العربية", "الإرهاب",
    "اللاجئون", "الطائرات المسيرة", "إمدادات القمح", "أزمة الديون", "التغير المناخي",
)
TAG_PREFIXES = ("أخبار", "اقتصاد", "انتخابات", "طقس", "رياضة", "سياحة", "استثمارات", "أزمة")

# fmt: on

# --- spelling variants of tags ------------------------------------------------

HARAKAT = "\u064e\u064f\u0650\u0651\u0652"  # fatha, damma, kasra, shadda, sukun
TATWEEL = "\u0640"
NON_JOINING = set("اأإآدذرزوؤةىء")  # letters that never join the next one
BARE_ALEF_WORD = re.compile(r"(^|\s)(ال)?ا(?=[^ل\s])")


def is_arabic_letter(char: str) -> bool:
    return "\u0621" <= char <= "\u064a"


def drop_hamza(tag: str, rng: random.Random) -> str:
    return tag.translate(str.maketrans("أإآ", "ااا"))


def add_hamza(tag: str, rng: random.Random) -> str:
    return BARE_ALEF_WORD.sub(lambda m: m.group(1) + (m.group(2) or "") + "إ", tag, count=1)


def add_tashkeel(tag: str, rng: random.Random) -> str:
    spots = [i for i, c in enumerate(tag) if is_arabic_letter(c)]
    chosen = sorted(rng.sample(spots, min(len(spots), rng.randint(1, 2))), reverse=True)
    for i in chosen:
        tag = tag[: i + 1] + rng.choice(HARAKAT) + tag[i + 1 :]
    return tag


def add_tatweel(tag: str, rng: random.Random) -> str:
    spots = [
        i
        for i in range(len(tag) - 1)
        if is_arabic_letter(tag[i]) and tag[i] not in NON_JOINING and is_arabic_letter(tag[i + 1])
    ]
    if not spots:
        return add_spaces(tag, rng)
    i = rng.choice(spots)
    return tag[: i + 1] + TATWEEL + tag[i + 1 :]


def add_spaces(tag: str, rng: random.Random) -> str:
    if " " in tag and rng.random() < 0.5:
        return tag.replace(" ", "  ", 1)
    return f" {tag} "


def spelling_variant(tag: str, rng: random.Random) -> str:
    """Return the tag as a careless editor might type it (never unchanged)."""
    kinds = [add_tashkeel, add_tatweel, add_spaces]
    if any(c in "أإآ" for c in tag):
        kinds += [drop_hamza, drop_hamza]
    if BARE_ALEF_WORD.search(tag):
        kinds.append(add_hamza)
    variant = rng.choice(kinds)(tag, rng)
    return variant if variant != tag else add_spaces(tag, rng)


def tag_pool(size: int, seed: int) -> list[str]:
    """The pool's order is its popularity: earlier tags are drawn more often."""
    rng = random.Random(f"{seed}:tags")
    base = list(dict.fromkeys(TAG_TOPICS + COUNTRIES + CITIES))
    combos = [f"{p} {place}" for p in TAG_PREFIXES for place in COUNTRIES + CITIES]
    rng.shuffle(base)
    rng.shuffle(combos)
    pool = list(dict.fromkeys(base + combos))
    year = 2020
    while len(pool) < size:  # only for pools bigger than the vocabulary
        pool += [f"{t} {year}" for t in base]
        year += 1
    return pool[:size]


# --- articles ----------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    slug: str
    explicit_slug: bool
    title: str
    date: datetime
    updated: datetime | None
    tags: tuple[str, ...]
    summary: str | None
    source: tuple[str, str]
    author: str | None
    draft: bool
    related: tuple[str, ...]
    body: str


def fill(template: str, rng: random.Random, bold: bool = False) -> str:
    """Replace each {slot} with a random word, number, price or percentage."""
    used: set[str] = set()  # so «{team} يفوز على {team}» names two teams

    def pick(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in SLOTS:
            word = rng.choice([w for w in SLOTS[name] if w not in used])
            used.add(word)
            return word
        if name in NUMBER_SLOTS:
            return str(rng.randint(*NUMBER_SLOTS[name]))
        if name == "pct":
            return f"{rng.randint(1, 39)}.{rng.randint(0, 9)}%"
        if name == "price":
            return f"{rng.randint(15, 95)}.{rng.randint(0, 99):02d}"
        if name == "score":
            return f"{rng.randint(0, 4)}-{rng.randint(0, 3)}"
        if name == "url":
            prefix = rng.choice(SOURCES)[1]
            return f"{prefix}{rng.randint(1000000, 5999999)}"
        raise KeyError(f"unknown slot {{{name}}} in {template!r}")

    text = re.sub(r"\{(\w+)\}", pick, template)
    if bold and "،" in text:
        head, rest = text.split("،", 1)
        text = f"**{head}**،{rest}"
    return text


def make_title(rng: random.Random) -> str:
    words = fill(rng.choice(TITLES), rng).split()
    target = rng.randint(8, 14)
    tails = list(TITLE_TAILS)
    rng.shuffle(tails)
    for tail in tails:
        if len(words) >= target:
            break
        extra = fill(tail, rng).split()
        if len(words) + len(extra) <= 14:
            words += extra
    return " ".join(words)


def make_paragraph(rng: random.Random, words: int, lead: bool) -> str:
    sentences = [fill(rng.choice(LEAD_SENTENCES), rng, bold=True)] if lead else []
    while sum(len(s.split()) for s in sentences) < words:
        sentences.append(fill(rng.choice(SENTENCES), rng, bold=rng.random() < 0.05))
    if rng.random() < 0.12:
        sentences.insert(rng.randint(1, len(sentences)), fill(rng.choice(LINK_SENTENCES), rng))
    return " ".join(sentences)


def make_body(rng: random.Random) -> str:
    total_words = int(rng.triangular(260, 1380, 450))
    count = max(4, min(12, round(total_words / 110) + rng.randint(-1, 1)))
    blocks = [make_paragraph(rng, total_words // count, lead=(i == 0)) for i in range(count)]
    extras = []  # (position, block), inserted back to front
    if rng.random() < 0.6:
        quote = fill(rng.choice(QUOTES), rng)
        extras.append((rng.randint(1, count - 1), f"> «{quote}»\n>\n> — {fill('{person}', rng)}"))
    if rng.random() < 0.45:
        items = "\n".join(
            f"- {fill(rng.choice(LIST_ITEMS), rng)}" for _ in range(rng.randint(3, 5))
        )
        extras.append((rng.randint(1, count - 1), f"{rng.choice(LIST_INTROS)}\n\n{items}"))
    for _ in range(rng.choice((0, 0, 1, 1, 2))):
        extras.append((rng.randint(2, count - 1), f"## {fill(rng.choice(HEADINGS), rng)}"))
    for position, block in sorted(extras, key=lambda e: e[0], reverse=True):
        blocks.insert(position, block)
    return "\n\n".join(blocks) + "\n"


def arabic_slug(title: str, index: int) -> str:
    words = [re.sub(r"[^\w]", "", w).lower() for w in title.split()[:5]]
    return "-".join(w for w in words if w) + f"-{index}"


def make_article(index: int, seed: int, pool: list[str], weights: list[float]) -> Article:
    rng = random.Random(f"{seed}:article:{index}")
    title = make_title(rng)
    arabic = rng.random() < 0.2
    slug = arabic_slug(title, index) if arabic else f"article-{index:06d}"
    start = datetime(2022, 1, 1)
    local = start + timedelta(seconds=rng.randint(0, 3 * 365 * 86400))
    offset = 3 if 5 <= local.month <= 10 else 2  # Cairo summer time, roughly
    date = local.replace(tzinfo=timezone(timedelta(hours=offset)))
    updated = date + timedelta(minutes=rng.randint(30, 4320)) if rng.random() < 0.15 else None
    wanted = rng.randint(3, 6)
    tags: list[str] = []
    while len(tags) < wanted:
        tag = rng.choices(pool, weights)[0]
        if tag not in tags:
            tags.append(tag)
    tags = [spelling_variant(t, rng) if rng.random() < 0.05 else t for t in tags]
    # Body sentences open with the conjunction «و»; a summary stands alone.
    summary = fill(rng.choice(SENTENCES), rng)[1:] if rng.random() < 0.5 else None
    name, prefix = rng.choice(SOURCES)
    return Article(
        slug=slug,
        explicit_slug=arabic or rng.random() < 0.5,
        title=title,
        date=date,
        updated=updated,
        tags=tuple(tags),
        summary=summary,
        source=(name, f"{prefix}{rng.randint(1000000, 5999999)}"),
        author=rng.choice(AUTHORS) if rng.random() < 0.6 else None,
        draft=rng.random() < 0.01,
        related=(),
        body=make_body(rng),
    )


def make_articles(count: int, seed: int, pool_size: int) -> list[Article]:
    pool = tag_pool(pool_size, seed)
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(pool))]
    articles = [make_article(i, seed, pool, weights) for i in range(count)]
    rng = random.Random(f"{seed}:related")
    for i, article in enumerate(articles):
        if count > 1 and rng.random() < 0.3:
            others = rng.sample(range(count), min(count - 1, rng.randint(1, 3)) + 1)
            related = tuple(articles[j].slug for j in others if j != i)[:3]
            articles[i] = replace(article, related=related)
    return articles


# --- rendering per flavor -------------------------------------------------------


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def render_plain(a: Article) -> str:
    lines = ["---", f"title: {q(a.title)}", f"date: {a.date.isoformat()}"]
    if a.updated:
        lines.append(f"updated: {a.updated.isoformat()}")
    lines.append("tags:")
    lines += [f"  - {q(t)}" for t in a.tags]
    if a.summary:
        lines.append(f"summary: {q(a.summary)}")
    lines.append(f"source: {{name: {q(a.source[0])}, url: {q(a.source[1])}}}")
    if a.author:
        lines.append(f"author: {q(a.author)}")
    if a.explicit_slug:
        lines.append(f"slug: {q(a.slug)}")
    if a.draft:
        lines.append("draft: true")
    if a.related:
        lines.append("related:")
        lines += [f"  - {q(s)}" for s in a.related]
    return "\n".join(lines) + "\n---\n\n" + a.body


def render_pelican(a: Article) -> str:
    lines = [f"Title: {a.title}", f"Date: {a.date.isoformat()}"]
    if a.updated:
        lines.append(f"Modified: {a.updated.isoformat()}")
    lines += [f"Tags: {', '.join(a.tags)}", f"Slug: {a.slug}"]
    if a.author:
        lines.append(f"Author: {a.author}")
    if a.summary:
        lines.append(f"Summary: {a.summary}")
    if a.draft:
        lines.append("Status: draft")
    return "\n".join(lines) + "\n\n" + a.body


def render_hugo(a: Article) -> str:
    lines = ["---", f"title: {q(a.title)}", f"date: {a.date.isoformat()}"]
    if a.updated:
        lines.append(f"lastmod: {a.updated.isoformat()}")
    lines.append(f"tags: [{', '.join(q(t) for t in a.tags)}]")
    lines += [f"slug: {q(a.slug)}", f"draft: {'true' if a.draft else 'false'}"]
    if a.summary:
        lines.append(f"summary: {q(a.summary)}")
    return "\n".join(lines) + "\n---\n\n" + a.body


PLAIN_CONFIG = f"""\
title: {q(SITE_TITLE)}
base_url: {BASE_URL}
language: ar
direction: rtl
content_dir: content
"""

PELICAN_CONFIG = f'''\
"""Pelican settings for the synthetic Arabic news corpus (default theme)."""

AUTHOR = "غرفة الأخبار"
SITENAME = {q(SITE_TITLE)}
SITEURL = {q(BASE_URL.rstrip("/"))}
RELATIVE_URLS = False
PATH = "content"
TIMEZONE = "Africa/Cairo"
DEFAULT_LANG = "ar"
DEFAULT_PAGINATION = 20

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
TAG_FEED_ATOM = "feeds/tag/{{slug}}.atom.xml"
TAG_FEED_RSS = "feeds/tag/{{slug}}.rss.xml"
'''

HUGO_CONFIG = f"""\
baseURL = {q(BASE_URL)}
locale = "ar"
defaultContentLanguage = "ar"
title = {q(SITE_TITLE)}

[languages.ar]
  direction = "rtl"
  label = "العربية"
  weight = 1

[pagination]
  pagerSize = 20

[taxonomies]
  tag = "tags"

[outputs]
  home = ["html", "rss"]
  section = ["html", "rss"]
  taxonomy = ["html", "rss"]
  term = ["html", "rss"]
"""

# Hugo >= 0.158 names (locale, direction) and template layout (>= 0.146).
HUGO_LAYOUTS = {
    "baseof.html": """\
<!DOCTYPE html>
<html lang="{{ site.Language.Locale }}" dir="{{ or site.Language.Direction "ltr" }}">
<head>
<meta charset="utf-8">
<title>{{ if not .IsHome }}{{ .Title }} | {{ end }}{{ site.Title }}</title>
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .Permalink }}">{{ end }}
</head>
<body>
<header><a href="{{ site.Home.Permalink }}">{{ site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",  # noqa: E501 (template lines are data)
    "single.html": """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2006-01-02" }}</time>
{{ with .GetTerms "tags" }}<ul class="tags">{{ range . }}<li><a href="{{ .Permalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
{{ .Content }}
</article>
{{ end }}
""",  # noqa: E501 (template lines are data)
    "list.html": """{{ define "main" }}{{ partial "page-list.html" . }}{{ end }}\n""",
    "term.html": """{{ define "main" }}{{ partial "page-list.html" . }}{{ end }}\n""",
    "taxonomy.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.Permalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
""",  # noqa: E501 (template lines are data)
    "home.html": """{{ define "main" }}{{ partial "page-list.html" . }}{{ end }}\n""",
    "_partials/page-list.html": """\
<h1>{{ .Title }}</h1>
{{ $pager := .Paginate (cond .IsHome site.RegularPages .Pages) }}
<ul>{{ range $pager.Pages }}<li><a href="{{ .Permalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>{{ end }}</ul>
<nav>{{ with $pager.Prev }}<a href="{{ .URL }}">السابق</a>{{ end }} {{ with $pager.Next }}<a href="{{ .URL }}">التالي</a>{{ end }}</nav>
""",  # noqa: E501 (template lines are data)
}


def site_files(flavor: str, articles: list[Article], write_config: bool) -> dict[str, str]:
    """Map each relative path to its text, for the chosen flavor."""
    files: dict[str, str] = {}
    if flavor == "plain":
        root = "content/" if write_config else ""
        for a in articles:
            files[f"{root}{a.date:%Y/%m}/{a.slug}.md"] = render_plain(a)
        if write_config:
            files["config.yaml"] = PLAIN_CONFIG
    elif flavor == "pelican":
        files.update({f"content/{a.slug}.md": render_pelican(a) for a in articles})
        files["pelicanconf.py"] = PELICAN_CONFIG
    else:
        files.update({f"content/posts/{a.slug}.md": render_hugo(a) for a in articles})
        files["hugo.toml"] = HUGO_CONFIG
        files.update({f"layouts/{name}": text for name, text in HUGO_LAYOUTS.items()})
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", type=Path, help="folder to write (created if missing)")
    parser.add_argument("--articles", type=int, required=True, help="how many articles")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--flavor", choices=("plain", "pelican", "hugo"), default="plain")
    parser.add_argument("--tags-pool", type=int, default=300, help="distinct tags (default 300)")
    parser.add_argument(
        "--write-config",
        action="store_true",
        help="plain flavor: write config.yaml, articles under content/",
    )
    args = parser.parse_args(argv)
    if args.articles < 1 or args.tags_pool < 6:
        parser.error("--articles must be at least 1 and --tags-pool at least 6")
    if args.write_config and args.flavor != "plain":
        parser.error("--write-config is for the plain flavor only")

    started = time.perf_counter()
    articles = make_articles(args.articles, args.seed, args.tags_pool)
    total = 0
    for relative, text in site_files(args.flavor, articles, args.write_config).items():
        path = args.dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total += len(data)
    elapsed = time.perf_counter() - started
    print(
        f"{len(articles)} articles ({args.flavor}, seed {args.seed}), "
        f"{total:,} bytes in {elapsed:.2f} s -> {args.dir}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
