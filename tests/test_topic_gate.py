"""The relevance gate: facts come only from articles about the package's subject. In a
news stream most articles are about other things, and their grants, prices and board
meetings are not the Coalition's; they keep their row (on_topic false) with no facts."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from coalition_data.extract.topic import on_topic
from coalition_data.normalise import fold
from coalition_data.pipeline import build
from tests.conftest import MANIFEST_HEADER, write_seeds


@pytest.mark.parametrize("sentence", [
    "شن طيران التحالف غارات على مواقع قرب الموصل.",
    "قال الوزير إن تنظيم الدولة الإسلامية خسر معظم أراضيه.",
    "أكد البيان أن داعش ما زال يشكل خطراً.",
    "ناقش الاجتماع سبل مكافحة الإرهاب وتمويله.",
    "دعا إلى مواجهة الفكر المتطرف في المدارس.",
    "تبنى مجلس الأمن بالإجماع مشروع القرار.",
    "The Global Coalition against ISIL met in Rome.",
])
def test_articles_about_isis_the_coalition_terrorism_or_the_unsc_are_on_topic(
        sentence: str) -> None:
    assert on_topic(fold(sentence))


@pytest.mark.parametrize("sentence", [
    "أعلنت الوزارة عن منحة بقيمة 10 ملايين دولار لدعم المشاريع الصغيرة.",
    "عقد مجلس إدارة الشركة اجتماعه السنوي في دبي يوم 3 مايو 2019.",
    "بحث وزير الزراعة مع نظيره الفرنسي سبل التعاون في الأمن الغذائي.",
    "ارتفعت أسعار النفط إلى 84 دولاراً للبرميل.",
])
def test_everyday_news_is_off_topic(sentence: str) -> None:
    assert not on_topic(fold(sentence))


def test_an_off_topic_article_keeps_its_row_and_gives_no_facts(tmp_path: Path) -> None:
    grant = ("عقد وزراء الاقتصاد العرب اجتماعهم السنوي في القاهرة يوم 3 مايو 2019، وتعهدت "
             "السعودية بتقديم 50 مليون دولار لدعم المشاريع الصغيرة.\n")
    coalition = ("عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعهم في روما يوم 3 مايو 2019، "
                 "وتعهدت السعودية بتقديم 50 مليون دولار لدعم الاستقرار.\n")
    seeds = write_seeds(tmp_path / "seeds", {"a.txt": grant.encode(),
                                            "b.txt": coalition.encode()},
                        "a,a.txt,T,high,,unknown,2019-05-03,high,\n"
                        "b,b.txt,T,high,,unknown,2019-05-03,high,\n")
    assert MANIFEST_HEADER.startswith("article_id")
    build(seeds, tmp_path / "out", cache=False)
    data = tmp_path / "out" / "data"
    articles = pl.read_parquet(data / "articles.parquet")
    assert dict(zip(articles["article_id"], articles["on_topic"], strict=True)) == {
        "a": False, "b": True}
    for table in ("meetings", "participants", "pledges"):
        ids = set(pl.read_parquet(data / f"{table}.parquet")["article_id"])
        assert ids == {"b"}, table
