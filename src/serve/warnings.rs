//! The warnings of `serve`'s builds, in its terminal, as `build` and `check`
//! print them (`cảnh báo (warning): …`). After the first build of a `serve`
//! every warning is printed, then the count; after each rebuild only the
//! warnings that are new since the last good build (a warning whose text
//! or place changed counts as new), with the count of new ones and of all;
//! when the last warning goes away, a line says so. A failed rebuild
//! changes nothing: its errors are printed instead, and the warnings are
//! compared with the last good build's again once the site builds.
//!
//! (Printing every warning at every save would repeat the same lines each
//! time an editor saves a page; printing only the new ones keeps the
//! terminal quiet and still shows each warning when it appears.)

use std::collections::BTreeSet;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::messages::Lang;

/// What to print after a good build whose warnings are `now`, when the
/// previous good build of this `serve` had `before` (`None`: this is the
/// first); `None` when nothing is worth a line.
pub fn report(before: Option<&[Diagnostic]>, now: &[Diagnostic], lang: Lang) -> Option<String> {
    let Some(before) = before else {
        return (!now.is_empty()).then(|| Diagnostics(now.to_vec()).render_warnings(lang));
    };
    let old: BTreeSet<&Diagnostic> = before.iter().collect();
    let new: Vec<&Diagnostic> = now.iter().filter(|d| !old.contains(d)).collect();
    if new.is_empty() {
        return (now.is_empty() && !before.is_empty())
            .then(|| crate::msg!("serve-warnings-none").render(lang));
    }
    let mut out = String::new();
    for d in &new {
        out.push_str(&d.render(lang));
        out.push_str("\n\n");
    }
    let summary = crate::msg!("serve-warnings-new", new = new.len(), total = now.len());
    out.push_str(&summary.render(lang));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warning(path: &str, what: &str) -> Diagnostic {
        Diagnostic::new(path, 2, 8, crate::messages::Msg::from(what))
    }

    #[test]
    fn all_at_first_then_only_new_ones_then_none_left() {
        let a = warning("content/a.md", "cảnh báo a");
        let b = warning("content/b.md", "cảnh báo b");
        assert_eq!(report(None, &[], Lang::Vi), None);
        let first = report(None, &[a.clone(), b.clone()], Lang::Vi).unwrap();
        assert!(first.contains("content/a.md:2:8: cảnh báo a"), "{first}");
        assert!(first.contains("content/b.md"), "{first}");
        assert!(first.ends_with("2 cảnh báo."), "{first}");
        // The same warnings again: nothing to say.
        assert_eq!(
            report(
                Some(&[a.clone(), b.clone()]),
                &[b.clone(), a.clone()],
                Lang::Vi
            ),
            None
        );
        // One new: only it, and the counts.
        let c = warning("content/c.md", "cảnh báo c");
        let next = report(
            Some(std::slice::from_ref(&a)),
            &[a.clone(), c.clone()],
            Lang::Vi,
        )
        .unwrap();
        assert!(!next.contains("content/a.md"), "{next}");
        assert!(next.contains("content/c.md:2:8: cảnh báo c"), "{next}");
        assert!(
            next.ends_with("1 cảnh báo mới (trang web có tất cả 2 cảnh báo)."),
            "{next}"
        );
        let en = report(Some(std::slice::from_ref(&a)), &[a.clone(), c], Lang::En).unwrap();
        assert!(
            en.ends_with("1 new warning (the site has 2 in all)."),
            "{en}"
        );
        // One fixed, none new: quiet; the last one fixed: said.
        assert_eq!(
            report(
                Some(&[a.clone(), b.clone()]),
                std::slice::from_ref(&b),
                Lang::Vi
            ),
            None
        );
        assert_eq!(
            report(Some(&[b]), &[], Lang::Vi).unwrap(),
            "Đã hết cảnh báo."
        );
        assert_eq!(report(Some(&[]), &[], Lang::En), None);
    }
}
