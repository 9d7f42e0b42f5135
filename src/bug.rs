//! A panic is a bug in congxa, never the editor's fault. This module makes
//! such a bug name the file being processed instead of printing a bare
//! backtrace: pipeline stages mark the file they work on ([`processing`]),
//! per-file work runs under [`catch`], which turns a panic into a
//! [`Diagnostic`] ("internal error while processing <file>"), and the binary
//! installs [`panic_hook`], which prints only panics that nothing catches.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, PanicHookInfo};
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

thread_local! {
    /// The file this thread is working on.
    static CURRENT: RefCell<Option<PathBuf>> = const { RefCell::new(None) };
    /// How many `catch` frames are active on this thread.
    static CATCHING: Cell<usize> = const { Cell::new(0) };
    /// File and source location of the last panic on this thread, left by the hook.
    static LAST: RefCell<Option<(Option<PathBuf>, String)>> = const { RefCell::new(None) };
}

/// While alive, this thread is processing a file; restores the previous one on drop.
#[must_use = "the file is current only while the guard lives"]
pub struct Processing {
    previous: Option<PathBuf>,
}

/// Mark `file` as the one this thread works on, until the guard is dropped.
pub fn processing(file: &Path) -> Processing {
    let previous = CURRENT.with(|c| c.replace(Some(file.to_path_buf())));
    Processing { previous }
}

impl Drop for Processing {
    fn drop(&mut self) {
        if std::thread::panicking() {
            // Unwinding out of this file: remember it unless the hook already did.
            let file = current_file();
            LAST.with(|l| {
                l.borrow_mut().get_or_insert((file, String::new()));
            });
        }
        let previous = self.previous.take();
        CURRENT.with(|c| *c.borrow_mut() = previous);
    }
}

/// The file this thread is working on, if a stage said so.
pub fn current_file() -> Option<PathBuf> {
    CURRENT.with(|c| c.borrow().clone())
}

/// Run per-file work; a panic inside becomes an "internal error" diagnostic
/// naming the file (the innermost one marked with [`processing`], else `file`).
pub fn catch<R>(file: &Path, work: impl FnOnce() -> R) -> Result<R, Diagnostic> {
    let _guard = processing(file);
    CATCHING.with(|c| c.set(c.get() + 1));
    LAST.with(|l| l.borrow_mut().take());
    let result = std::panic::catch_unwind(AssertUnwindSafe(work));
    CATCHING.with(|c| c.set(c.get() - 1));
    result.map_err(|payload| {
        let (at_file, location) = LAST
            .with(|l| l.borrow_mut().take())
            .unwrap_or((None, String::new()));
        let shown = at_file.unwrap_or_else(|| file.to_path_buf());
        let mut detail = payload_message(payload.as_ref());
        if !location.is_empty() {
            detail.push_str(&format!(" (at {location})"));
        }
        Diagnostic::file(shown, crate::msg!("bug-in-file", detail = detail))
            .with_hint(crate::msg!("bug-in-file-hint"))
    })
}

fn payload_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    }
}

/// The binary's panic hook. Inside [`catch`] it only records where the panic
/// happened (the diagnostic reports it); elsewhere it prints one plain message
/// naming the file being processed, never a backtrace.
pub fn panic_hook(info: &PanicHookInfo<'_>, lang: crate::messages::Lang) {
    let file = current_file();
    let location = info
        .location()
        .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
        .unwrap_or_default();
    if CATCHING.with(Cell::get) > 0 {
        LAST.with(|l| *l.borrow_mut() = Some((file, location)));
        return;
    }
    let message = payload_message(info.payload());
    // (A file name or a message can hold `ESC [2J`: each is escaped.)
    let esc = |s: &str| crate::text::controls::escape(s).into_owned();
    let text = match &file {
        Some(f) => crate::msg!(
            "bug-panic-in-file",
            file = esc(&f.display().to_string()),
            detail = esc(&message),
            location = esc(&location)
        ),
        None => crate::msg!(
            "bug-panic",
            detail = esc(&message),
            location = esc(&location)
        ),
    };
    eprintln!("congxa: {}", text.render(lang));
}

/// Test hook: with `CONGXA_TEST_PANIC=<stage>:<file suffix>` in the environment,
/// panic at `stage` (`load`, `model`) while processing a file whose path ends with
/// the suffix, so the test suite can check how the binary reports a bug.
pub fn test_panic_point(stage: &str, file: &Path) {
    static SPEC: std::sync::OnceLock<Option<(String, String)>> = std::sync::OnceLock::new();
    let spec = SPEC.get_or_init(|| {
        let v = std::env::var("CONGXA_TEST_PANIC").ok()?;
        let (s, f) = v.split_once(':')?;
        Some((s.to_string(), f.to_string()))
    });
    if let Some((s, suffix)) = spec
        && s == stage
        && file.to_string_lossy().ends_with(suffix.as_str())
    {
        panic!("CONGXA_TEST_PANIC at stage `{stage}`");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caught_panic_names_the_innermost_file() {
        let d = catch(Path::new("content/a.md"), || {
            let _inner = processing(Path::new("content/b.md"));
            std::hint::black_box(Option::<u8>::None).expect("boom")
        })
        .unwrap_err();
        assert_eq!(d.path, Path::new("content/b.md"));
        assert!(d.message.contains("lỗi nội bộ"), "{d}");
        assert!(d.message.contains("boom"), "{d}");
        assert_eq!(current_file(), None);
    }

    #[test]
    fn work_without_panic_passes_through() {
        assert_eq!(catch(Path::new("a"), || 7).unwrap(), 7);
    }
}
