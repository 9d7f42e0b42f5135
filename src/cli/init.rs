use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

/// Create a new, buildable commune site with the default theme.
#[derive(Debug, Args)]
pub struct InitCommand {
    /// Directory to create (must be empty or absent).
    dir: PathBuf,
}

const SITE_YAML: &str = "title: Trang thông tin điện tử xã\n\
description: Thông tin về cải cách hành chính, PAR INDEX, PAPI, SIPAS của xã\n\
base_url: https://example.gov.vn/\n\
language: vi\n\
timezone: \"+07:00\"\n\
theme: default\n\
paginate: 10\n\
organization:\n  name: UBND xã\n  address: (đang cập nhật)\n  phone: (đang cập nhật)\n  email: (đang cập nhật)\n  hours: (đang cập nhật)\n\
links:\n  - {title: Cổng Dịch vụ công quốc gia, url: https://dichvucong.gov.vn}\n\
abbreviations:\n  UBND: Ủy ban nhân dân\n  TTHC: thủ tục hành chính\n  CCHC: cải cách hành chính\n";

const FILES: &[(&str, &str)] = &[
    ("site.yaml", SITE_YAML),
    // The output, and what builds keep beside it (lock file, staging trees).
    (".gitignore", "output/\n.output.congxa-*\n.congxa-cache/\n"),
    (
        "content/_index.md",
        "---\ntitle: Trang chủ\n---\n\nChào mừng bạn đến với trang thông tin điện tử của xã.\n",
    ),
    (
        "content/tin-tuc/_index.md",
        "---\ntitle: Tin tức – Thông báo\nsort_by: date\nmenu: 1\n---\n",
    ),
    (
        "content/sipas/_index.md",
        "---\ntitle: Chỉ số SIPAS\nmenu: 2\nindex:\n  code: SIPAS\n  name: Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước\n  publisher: Bộ Nội vụ\n  areas:\n    - {key: tiep-can-dich-vu, title: Tiếp cận dịch vụ hành chính công}\n---\n\nSIPAS đo mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước.\n",
    ),
    (
        "content/tin-tuc/chao-mung.md",
        "---\ntitle: Chào mừng\ndate: 2024-07-16\nindices: [sipas]\nareas: [tiep-can-dich-vu]\n---\n\nBài viết đầu tiên của trang. Xem [chỉ số SIPAS](/sipas/).\n",
    ),
];

impl InitCommand {
    pub fn run(self) -> ExitCode {
        if self.dir.exists()
            && std::fs::read_dir(&self.dir)
                .map(|mut d| d.next().is_some())
                .unwrap_or(true)
        {
            eprintln!(
                "{}: directory is not empty\n  = gợi ý (hint): choose a new directory name",
                self.dir.display()
            );
            return ExitCode::from(1);
        }
        match write_site(&self.dir) {
            Ok(()) => {
                println!(
                    "Đã tạo trang mới tại {}. Tiếp theo: congxa build --root {}",
                    self.dir.display(),
                    self.dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{}: {e}", self.dir.display());
                ExitCode::from(1)
            }
        }
    }
}

fn write_site(dir: &Path) -> std::io::Result<()> {
    for (rel, text) in FILES {
        let p = dir.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(p, text)?;
    }
    congxa::theme::write_embedded_default(&dir.join("themes").join("default"))
}
