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
fn the_byte_test_knows_only_word_characters() {
    // What `unknown_lead` lets through without decoding.
    let known = (0xc0..=0x27f).chain(0x300..=0x33f).chain(0x1e00..=0x1eff);
    for c in known
        .filter_map(char::from_u32)
        .filter(|c| !"×÷".contains(*c))
    {
        assert!(is_word_char(c), "{c:?}");
        let mut b = [0u8; 4];
        let bytes = c.encode_utf8(&mut b).as_bytes();
        assert!(!unknown_lead(bytes[0], bytes[1]), "{c:?}");
    }
    for c in [
        '×', '÷', '\u{a0}', '“', '–', '…', '\u{1dff}', '\u{1f00}', '\u{340}', 'Ω',
    ] {
        let mut b = [0u8; 4];
        let bytes = c.encode_utf8(&mut b).as_bytes();
        assert!(
            bytes.len() == 1 || unknown_lead(bytes[0], bytes[1]) || c == '\u{a0}',
            "{c:?}"
        );
    }
}

#[test]
fn words_by_block_mask_equal_words_by_character() {
    // Every character up to U+1FFFF, alone between letters, where it is
    // cut between two blocks and where it starts one.
    let mut text = String::new();
    for c in (0u32..0x20000).filter_map(char::from_u32) {
        for pad in [63, 64] {
            text.clear();
            text.extend(std::iter::repeat_n('a', pad));
            text.push(c);
            text.push_str("b c");
            assert!(words(&text).eq(words_by_char(&text)), "{c:?} at {pad}");
        }
    }
    // Random texts of letters, marks, spaces and punctuation of many widths.
    let pool: Vec<char> = "aZ09 .,-_\n\tàÁâẠỹđĐơưĂ×÷\u{a0}“”–…«»\u{300}\u{301}\u{340}\u{1dff}\u{1f00}ΩЖ中😀ʼ\u{37e}\u{2070}"
        .chars()
        .collect();
    let mut next = crate::text::test_numbers(0x5eed_b10c);
    for _ in 0..3000 {
        let len = next(300);
        let text: String = (0..len).map(|_| pool[next(pool.len())]).collect();
        let by_char: Vec<&str> = words_by_char(&text).collect();
        assert_eq!(words(&text).collect::<Vec<_>>(), by_char, "{text:?}");
    }
    assert_eq!(words("").count(), 0);
    assert_eq!(
        words(&"ạ".repeat(100)).collect::<Vec<_>>(),
        ["ạ".repeat(100)]
    );
}

#[test]
fn flags_pack_into_bits() {
    let mut next = crate::text::test_numbers(77);
    for _ in 0..200 {
        let flags: [u8; 64] = std::array::from_fn(|_| next(2) as u8);
        let plain = (0..64).fold(0u64, |m, i| m | (u64::from(flags[i]) << i));
        assert_eq!(pack_flags(&flags), plain);
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
fn merged_postings_equal_the_sorted_concatenation() {
    // The definition: concatenate, sort by document, add up each document's postings.
    fn by_sorting(lists: &[Vec<(u32, u32)>]) -> Vec<(u32, u32)> {
        let mut all = lists.concat();
        all.sort_by_key(|p| p.0);
        let mut out: Vec<(u32, u32)> = Vec::new();
        for p in all {
            match out.last_mut() {
                Some(last) if last.0 == p.0 => {
                    let tf = (last.1 >> 1).saturating_add(p.1 >> 1);
                    last.1 = (tf << 1) | ((last.1 | p.1) & 1);
                }
                _ => out.push(p),
            }
        }
        out
    }
    let mut next = crate::text::test_numbers(0x2545_f491_4f6c_dd1d);
    for round in 0..500 {
        let lists: Vec<Vec<(u32, u32)>> = (0..1 + round % 4)
            .map(|_| {
                let mut doc = 0u32;
                (0..next(30))
                    .map(|_| {
                        doc += 1 + next(3) as u32;
                        (doc, next(40) as u32)
                    })
                    .collect()
            })
            .collect();
        let merged = lists[1..]
            .iter()
            .fold(lists[0].clone(), |a, b| merge_postings(&a, b));
        assert_eq!(merged, by_sorting(&lists), "{lists:?}");
    }
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
fn json_strings_fast_path_escapes_as_serde_json_does() {
    let by_serde = |s: &str| {
        let mut out = Vec::new();
        push_json_string_by_serde(&mut out, s);
        out
    };
    let fast = |s: &str| {
        let mut out = Vec::new();
        push_json_string(&mut out, s);
        out
    };
    // Every ASCII byte, alone and where a 64-byte block starts, ends or is cut.
    for b in 0u8..128 {
        let c = char::from(b).to_string();
        for pad in [0, 1, 31, 32, 33, 63, 64] {
            for s in [
                c.clone(),
                "a".repeat(pad) + &c,
                c.clone() + &"ư".repeat(pad),
                "ệ".repeat(pad) + &c + &"x".repeat(pad),
            ] {
                assert_eq!(fast(&s), by_serde(&s), "{s:?}");
            }
        }
    }
    // Random texts of letters, marks, escapes and other scripts.
    let pieces = [
        "a",
        "Ư",
        "ệ",
        " ",
        "\n",
        "\t",
        "\"",
        "\\",
        "<",
        ">",
        "&",
        "\u{1}",
        "\u{1f}",
        "\u{7f}",
        "\u{2028}",
        "–",
        "“",
        "😀",
        "</script>",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    ];
    let mut next = crate::text::test_numbers(0x2545_f491_4f6c_dd1d_u64);
    for _ in 0..3000 {
        let s: String = (0..next(120)).map(|_| pieces[next(pieces.len())]).collect();
        assert_eq!(fast(&s), by_serde(&s), "{s:?}");
    }
}

#[test]
fn shard_files_are_ascii() {
    assert_eq!(shard_file("du"), "du.js");
    assert_eq!(shard_file("中"), "_e4b8ad.js");
}
