//! Every template render of a [`Renderer`] goes through here, within the
//! renderer's [`limits`](crate::templating::limits): output size and time
//! per render, and registered for the watchdog while it runs.

use tera::{Context, Value};

use super::Renderer;
use crate::templating::limits;

impl Renderer<'_> {
    /// Render `template`: its bytes, or nothing in a `check_only` renderer.
    /// Unlike `Tera::render`, the finished page is not re-validated as UTF-8
    /// (a tenth of a build's time on large sites): every piece Tera writes is
    /// already a `str`.
    pub fn render_template(&self, template: &str, ctx: &Context) -> tera::TeraResult<Vec<u8>> {
        if self.check_only {
            self.render_to(template, ctx, std::io::sink())?;
            return Ok(Vec::new());
        }
        let mut out = Vec::with_capacity(32 * 1024);
        self.render_to(template, ctx, &mut out)?;
        Ok(crate::text::controls::without_cr(out))
    }

    /// `template`'s output as a value templates print as it is. Made for real
    /// even by `check`: the pages then print it instead of rendering the
    /// template themselves.
    pub(super) fn render_alone(&self, template: &str, ctx: &Context) -> tera::TeraResult<Value> {
        let mut out = Vec::with_capacity(4 * 1024);
        self.render_to(template, ctx, &mut out)?;
        // (Tera writes UTF-8; the check is a vectorised pass over a few KB.)
        let html = simdutf8::basic::from_utf8(&out).unwrap_or_default();
        Ok(Value::safe_string(html))
    }

    /// Once a render ran over the limits, the build has failed: the renders
    /// still to come are skipped (a runaway `base.html` would otherwise cost
    /// the time limit once per page), with one shared note.
    fn render_to(
        &self,
        template: &str,
        ctx: &Context,
        out: impl std::io::Write,
    ) -> tera::TeraResult<()> {
        if let Some(first) = self.limit_hit.get() {
            return Err(limits::skipped(first, self.limits));
        }
        let paths = self.template_paths;
        let r = limits::render_to(self.tera, self.limits, paths, template, ctx, out);
        if let Err(e) = &r
            && let Some(hit) = limits::hit(e)
        {
            let _ = self.limit_hit.set(hit.template.clone());
        }
        r
    }
}
