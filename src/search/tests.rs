//! Tests of the search index: word splitting, forms and terms, postings,
//! JSON escaping and shards, against their plain definitions.

use super::*;

fn doc<'a>(title: &'a str, text: &'a str) -> SearchDoc<'a> {
    SearchDoc {
        title,
        href: String::new(),
        date: None,
        lead: "",
        body: text,
        extra: String::new(),
    }
}

#[test]
fn word_characters_fast_path_agrees_with_unicode() {
    for c in (0u32..0x2000).filter_map(char::from_u32) {
        assert_eq!(
            is_word_char(c),
            c.is_alphabetic() || c.is_numeric() || is_combining_mark(c),
            "{c:?}"
        );
    }
}

#[test]
fn forms_and_terms() {
    let nfd: String = "Đường".nfd().collect();
    assert_eq!(form(&nfd), "đường");
    assert_eq!(term(&form(&nfd)), "duong");
    assert_eq!(term("hài lòng"), "hai long");
    assert_eq!(
        words("Đường dây-nóng: 1022!").collect::<Vec<_>>(),
        ["Đường", "dây", "nóng", "1022"]
    );
}

#[test]
fn index_of_many_documents_counts_as_one_would_by_hand() {
    // Enough documents for several runs of the parallel count: every
    // posting must be what counting each document on its own gives.
    let vocabulary = [
        "Đường",
        "đường",
        "ĐƯỜNG",
        "dương",
        "làng",
        "Làng",
        "xã",
        "1022",
    ];
    let mut next = crate::text::test_numbers(0x9e37_79b9_7f4a_7c15u64);
    let mut pick = |most: usize| -> String {
        let k = next(most);
        (0..k)
            .map(|_| vocabulary[next(vocabulary.len())])
            .collect::<Vec<_>>()
            .join(" ")
    };
    let texts: Vec<(String, String)> = (0..700).map(|_| (pick(3), pick(90))).collect();
    let docs: Vec<SearchDoc<'_>> = texts.iter().map(|(t, b)| doc(t, b)).collect();
    let lens: Vec<rank::DocLen> = docs
        .iter()
        .map(|d| rank::DocLen {
            title: words(d.title).count() as u32,
            body: words(d.body).count() as u32,
        })
        .collect();
    let avg = rank::average_body(&lens);
    let mut expected: BTreeMap<String, Forms> = BTreeMap::new();
    for (n, d) in docs.iter().enumerate() {
        let mut counts: BTreeMap<String, (u32, bool)> = BTreeMap::new();
        for w in words(d.title) {
            counts.entry(form(w)).or_default().1 = true;
        }
        for w in words(d.body) {
            counts.entry(form(w)).or_default().0 += 1;
        }
        for (f, (count, in_title)) in counts {
            let weight = rank::weight(count, in_title, lens[n], avg);
            let postings = expected.entry(term(&f)).or_default().entry(f).or_default();
            postings.push((n as u32, weight));
        }
    }
    assert_eq!(build_index(&docs), expected);
}

#[test]
fn index_keeps_forms_apart_under_one_term() {
    let idx = build_index(&[doc("Đường làng", "đường đường"), doc("Biển", "dương")]);
    let duong = &idx["duong"];
    // Two-word title, twice in a body of average length.
    let twice = rank::body_level(2, 2, 1.5);
    assert_eq!(duong["đường"], vec![(0, rank::pack(twice, 2))]);
    assert_eq!(duong["dương"], vec![(1, rank::body_level(1, 1, 1.5))]);
    let shards = shards(&idx);
    let expected = format!(
        r#""duong":[["dương",[1,{}]],["đường",[0,{}]]]"#,
        duong["dương"][0].1, duong["đường"][0].1
    );
    assert!(shards["du"].contains(&expected), "{}", shards["du"]);
}

#[test]
fn weights_are_bm25_levels_and_title_lengths() {
    use rank::{BODY_LEVELS, DocLen, body_level, pack, title_level, unpack, weight};
    // More occurrences weigh more, with diminishing returns; a longer page less.
    assert!(body_level(1, 100, 100.0) < body_level(3, 100, 100.0));
    assert!(body_level(3, 100, 100.0) < body_level(30, 100, 100.0));
    assert!(body_level(30, 100, 100.0) <= BODY_LEVELS);
    assert!(body_level(2, 50, 100.0) > body_level(2, 400, 100.0));
    assert_eq!(body_level(0, 100, 100.0), 0);
    assert_eq!(
        body_level(1, 100_000, 1.0),
        1,
        "never 0 for a word that is there"
    );
    // The title's length, exact up to 6, then in classes; not in the title = 0.
    assert_eq!(title_level(true, 1), 1);
    assert_eq!(title_level(true, 4), 4);
    assert_eq!(title_level(true, 8), 7);
    assert_eq!(title_level(true, 12), 8);
    assert_eq!(title_level(true, 30), 9);
    assert_eq!(title_level(false, 4), 0);
    let lens = [3, 7, 9, 1, 20].map(|title| DocLen { title, body: 0 });
    assert_eq!(rank::title_averages(&lens), [8.0, 8.0, 0.0, 20.0]);
    // The packing keeps the title length and the body level (halved for title
    // words), is one to one on those, and stays under 64.
    let mut seen = std::collections::BTreeSet::new();
    for b in 0..=BODY_LEVELS {
        for t in 0..=rank::TITLE_LEVELS {
            if b == 0 && t == 0 {
                continue;
            }
            let w = pack(b, t);
            assert!((1..64).contains(&w), "{b} {t} → {w}");
            let kept = if t == 0 { b } else { b.div_ceil(2) * 2 };
            assert_eq!(unpack(w), (kept, t));
            if t == 0 || b % 2 == 0 {
                assert!(seen.insert(w), "{b} {t}");
            }
        }
    }
    assert!(pack(BODY_LEVELS, 0) < 10);
    let len = DocLen { title: 3, body: 10 };
    assert_eq!(weight(1, true, len, 10.0), pack(body_level(1, 10, 10.0), 3));
}

#[test]
fn prefix_tables_for_prefixes_spread_over_many_shards() {
    // "ch…" words in many shards once split; "xa…" words in one.
    let mut text: String = (0..3000)
        .map(|i| format!("cha{i} chi{i} cho{i} chu{i} chx{i} "))
        .collect();
    text.extend((0..100).map(|i| format!("xa{i} ")));
    let docs = [
        doc("Chính", &text),
        doc("a", "xa1"),
        doc("b", "chinh chinh chung"),
        doc("Chung", "xa2"),
    ];
    let idx = build_index(&docs);
    let (shards, prefixes) = shards_and_prefixes(&idx);
    let ch_shards = shards.keys().filter(|k| k.starts_with("ch")).count();
    assert!(ch_shards > rank::PREFIX_SHARDS, "{:?}", shards.keys());
    // Documents 0, 2 and 3 (deltas 0, 2, 1), each with its best weight.
    let best = |d: u32| {
        idx.iter()
            .filter(|(t, _)| t.starts_with("ch"))
            .flat_map(|(_, forms)| forms.values().flatten())
            .filter(|p| p.0 == d)
            .map(|p| p.1)
            .max()
            .unwrap()
    };
    assert_eq!(
        prefixes["ch"],
        format!("[0,{},2,{},1,{}]", best(0), best(2), best(3))
    );
    assert!(best(3) >= 10, "a title word keeps its title weight");
    assert!(!prefixes.contains_key("xa"), "one shard: no table");
    assert!(
        prefixes
            .keys()
            .all(|p| (2..=3).contains(&p.chars().count()))
    );
}

#[test]
fn big_shards_split_by_longer_keys() {
    let text: String = (0..4000).map(|i| format!("tha{i} thu{i} ")).collect();
    let idx = build_index(&[doc("th", &text)]);
    let shards = shards(&idx);
    assert!(
        shards.contains_key("th"),
        "the exact term keeps the short key"
    );
    assert!(shards.keys().any(|k| k.starts_with("tha") && k.len() > 2));
    assert!(shards.values().all(|s| s.len() <= SHARD_BYTES * 2));
}

#[test]
fn json_strings_escape_markup_for_scripts() {
    // JSON's escapes, `<`, `>` and `&` as `\u00XX`; other text as it is.
    assert_eq!(
        json_string("a\"b\\c\n\t\u{1}<x> & </script> ệ\u{2028}"),
        concat!(
            r#""a\"b\\c\n\t\u0001\u003cx\u003e \u0026 \u003c/script\u003e "#,
            "ệ\u{2028}\""
        )
    );
}

#[test]
fn shard_files_are_ascii() {
    assert_eq!(shard_file("du"), "du.js");
    assert_eq!(shard_file("中"), "_e4b8ad.js");
}
