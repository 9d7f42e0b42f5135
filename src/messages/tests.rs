use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::*;

/// Each message of a catalogue: id → the `$variables` its text uses.
fn catalogue(ftl: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in ftl.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let body = if line.starts_with([' ', '\t']) {
            line
        } else {
            let (id, rest) = line.split_once('=').expect("`id = text` at line start");
            let id = id.trim().to_string();
            assert!(
                out.insert(id.clone(), BTreeSet::new()).is_none(),
                "{id} twice"
            );
            current = Some(id);
            rest
        };
        let vars = out.get_mut(current.as_ref().unwrap()).unwrap();
        for part in body.split('$').skip(1) {
            let name: String = part
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .collect();
            vars.insert(name);
        }
    }
    out
}

#[test]
fn both_catalogues_parse_and_hold_the_same_messages() {
    for (name, ftl) in [("vi.ftl", VI_FTL), ("en.ftl", EN_FTL)] {
        if let Err((_, errors)) = FluentResource::try_new(ftl.to_string()) {
            panic!("i18n/{name} does not parse: {errors:?}");
        }
    }
    let vi = catalogue(VI_FTL);
    let en = catalogue(EN_FTL);
    let only_vi: Vec<_> = vi.keys().filter(|k| !en.contains_key(*k)).collect();
    let only_en: Vec<_> = en.keys().filter(|k| !vi.contains_key(*k)).collect();
    assert!(only_vi.is_empty(), "only in i18n/vi.ftl: {only_vi:?}");
    assert!(only_en.is_empty(), "only in i18n/en.ftl: {only_en:?}");
    for (id, vars) in &vi {
        assert_eq!(vars, &en[id], "{id}: the two languages use other arguments");
    }
    for id in vi.keys() {
        assert!(VI.has_message(id) && EN.has_message(id), "{id}");
    }
}

/// Every `msg!("id"` / `Msg::new("id"` / `.text("id"` in src/.
fn ids_in_code(dir: &Path, out: &mut BTreeSet<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            ids_in_code(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            for marker in ["msg!(\"", "msg_id!(\"", "Msg::new(\"", "lang.text(\""] {
                for part in text.split(marker).skip(1) {
                    let id: String = part.chars().take_while(|c| *c != '"').collect();
                    if !id.is_empty() && !id.contains(' ') {
                        out.insert((id, path.display().to_string()));
                    }
                }
            }
        }
    }
}

#[test]
fn every_message_used_in_code_is_in_both_catalogues() {
    let vi = catalogue(VI_FTL);
    let en = catalogue(EN_FTL);
    let mut used = BTreeSet::new();
    ids_in_code(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut used,
    );
    assert!(used.len() > 10, "{used:?}");
    let missing: Vec<_> = used
        .iter()
        .filter(|(id, _)| id != "id" && !(vi.contains_key(id) && en.contains_key(id)))
        .collect();
    assert!(
        missing.is_empty(),
        "used in code, not in the catalogues: {missing:?}"
    );
}

#[test]
fn vietnamese_unless_asked_otherwise() {
    assert_eq!(Lang::choose(None, None), Lang::Vi);
    assert_eq!(Lang::choose(None, Some("en")), Lang::En);
    assert_eq!(Lang::choose(Some("vi"), Some("en")), Lang::Vi);
    assert_eq!(Lang::choose(Some("EN"), None), Lang::En);
    assert_eq!(Lang::choose(None, Some("fr")), Lang::Vi);
}

#[test]
fn arguments_and_counts_are_put_into_words() {
    let m = msg!("summary-errors", n = 2usize);
    assert!(
        m.render(Lang::En).starts_with("2 errors"),
        "{}",
        m.render(Lang::En)
    );
    let one = msg!("summary-errors", n = 1usize).render(Lang::En);
    assert!(one.starts_with("1 error "), "{one}");
    assert!(m.to_string().starts_with("2 lỗi"), "{m}");
    // No bidi isolation marks around values.
    assert!(!m.render(Lang::En).contains('\u{2068}'));
}

/// String literals with a letter outside ASCII (a Vietnamese sentence) in the
/// code (not the tests) of the files under `dir`.
fn vietnamese_literals(dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            vietnamese_literals(&path, out);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in code.lines().enumerate() {
            let line = line.trim_start();
            if line.starts_with("//") {
                continue;
            }
            for (i, literal) in line.split('"').enumerate() {
                if i % 2 == 1 && literal.chars().any(|c| c.is_alphabetic() && !c.is_ascii()) {
                    out.push(format!("{}:{}: {literal}", path.display(), n + 1));
                }
            }
        }
    }
}

/// `serve` answers browsers and the admin in the chosen language: none of its
/// texts is written in its code (tests/testsuite/serve_lang.rs asks every
/// answer in both languages).
#[test]
fn serve_holds_no_sentence_of_its_own() {
    let mut found = Vec::new();
    vietnamese_literals(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/serve"),
        &mut found,
    );
    assert!(found.is_empty(), "texts to move to i18n/*.ftl: {found:#?}");
}
