# congxa's messages in English (`--lang en` or `CONGXA_LANG=en`).
# Every message must also be in vi.ftl, with the same id and `$variables`
# (checked by `cargo test --lib messages`).

## Common

hint-label = hint
summary-errors = { $n } { $n ->
        [one] error
       *[other] errors
    } — nothing was written to the output folder.
summary-warnings = { $n } { $n ->
        [one] warning
       *[other] warnings
    }.
hint-rendering = while rendering { $what }
hint-rendering-also = while rendering { $what } and { $n } other { $n ->
        [one] output
       *[other] outputs
    } with the same problem

## Lệnh (Commands)

build-done = Built { $pages } pages, { $files } files ({ $mb } MB) into { $output } in { $ms } ms
check-done = No errors: checked { $pages } pages, { $files } files.
check-strict-failed =
    { $n } { $n ->
        [one] warning
       *[other] warnings
    }, and `--strict` counts warnings as errors: fix them and check again.
init-not-empty = this folder already holds files
init-not-empty-hint = choose a new folder name
init-done =
    Created a new site in { $dir }. Next: congxa serve --root { $dir }
    Read the first article (content/tin-tuc/huong-dan-viet-bai.md) to learn how to write the next one.

## Xem trước (serve)

serve-bind-network = warning: --bind { $bind } shows the preview to every computer on the network; use 127.0.0.1 unless you need that.
serve-bind-network-hint = from another computer, open it by this computer's IP address, e.g. { $example } (host names other than localhost are refused)
serve-listening = Serving at { $url } — edit files in content/, themes/ or site.yaml to see them at once. Ctrl+C to stop.
serve-admin = Editing page: { $url }admin/ — articles are saved straight into content/ (editing server at http://{ $backend }, usable from this computer only).
serve-no-browser = cannot open a browser: { $error }
serve-stopped = Stopped.
serve-error-bind = cannot listen on { $addr }: { $error }
serve-error-bind-hint = another program (maybe another `congxa serve`) uses this port; try another, e.g. `--port 1121` (`congxa serve` also takes the next port for `/admin/`)
serve-error-root = site folder `{ $path }`: { $error }
serve-error-watch = cannot watch the site for changes: { $error }
serve-error-runtime = cannot start the web server: { $error }
serve-watcher = file watcher: { $error }
serve-no-threads = cannot start the rebuild threads: { $error }
serve-restart-failed = cannot restart the rebuilds: { $error }
serve-updated-discovery = Atom feeds, sitemap, search index
serve-updated-fast = fast: { $rendered }/{ $jobs } pages rendered again
serve-updated-full = full: { $rendered }/{ $jobs } pages rendered again
serve-updated =
    Updated in { $ms } ms ({ $what }), { $n } { $n ->
        [one] file
       *[other] files
    } changed{ $shown ->
        [0] {""}
       *[other] : { $files }
    }{ $more ->
        [0] {""}
       *[other] {" "}and { $more } other { $more ->
            [one] file
           *[other] files
        }
    }
serve-first-build = Built { $pages } pages ({ $files } files) in { $ms } ms.
serve-summary-errors =
    { $n } { $n ->
        [one] error
       *[other] errors
    } — still serving the last good build.
serve-runaway-summary = 1 error — still serving the last good build; congxa builds again once a template changes.
serve-waiting = The site could not be built yet: see the errors in the terminal window.
serve-overlay-title = Error while building — showing the last good build
serve-overlay-help = Fix the file named below and save it; the page reloads by itself.
serve-overlay-close = Close
serve-warnings-new =
    { $new ->
        [one] 1 new warning
       *[other] { $new } new warnings
    } (the site has { $total } in all).
serve-warnings-none = No warnings left.

## serve's HTTP answers

serve-http-bad-path = 400 Bad Request: invalid path
serve-http-not-found = 404 Not Found: the site has no such file
serve-http-changed-file = 503 Service Unavailable: this file changed since the last good build, or leads outside the site; it is served again once a build has checked it.
serve-host-refused = { $status }: congxa serve only answers requests addressed to its own names ({ $hosts }).
serve-host-any-ip = this computer's IP address

## The admin's local backend

backend-foreign-origin = Not allowed: the request comes from another site, not from congxa serve's preview.
backend-not-json = The request must be JSON (Content-Type: application/json).
backend-internal = congxa failed while handling the request; see the terminal window.
backend-bad-params = Invalid request: { $error }
backend-bad-json = The request is not valid JSON: { $error }
backend-no-file = There is no file `{ $path }`.
backend-no-upload = The request holds no file.
backend-unknown-action = congxa serve's editing backend does not do `{ $action }` (it publishes directly, with no review workflow).
backend-io = Cannot write or read the file: { $error }
backend-upload-markdown = Not allowed: `{ $path }` cannot be uploaded as a photo or document.
backend-not-base64 = Uploaded files must be base64-encoded.
backend-bad-base64 = File `{ $path }` cannot be read (base64: { $error }).
backend-no-entry = The request holds no article to save.
backend-not-article = Not allowed: `{ $path }` is not an article file (.md).
backend-exists = Not saved: there is already an article `{ $path }`; choose another title.
backend-folder-exists = Not saved: folder `{ $dir }` already exists; choose another title.
backend-delete-folder = Not allowed: folder `{ $path }` cannot be deleted.
backend-not-saved =
    Not saved: the content has { $n ->
        [one] 1 error
       *[other] { $n } errors
    }, and the site would not build. Fix and save again.
backend-not-deleted =
    Not deleted: the site would have { $n ->
        [one] 1 error
       *[other] { $n } errors
    }, and would not build. Fix and try again.
backend-path-refused = Not allowed: path `{ $path }` { $why }. The editing page only reads and writes inside the content/ folder.
backend-path-invalid = is invalid (empty, absolute, or with a `\` character)
backend-path-outside = is outside the content/ folder
backend-path-bad-name = has a name that cannot be used ({ $problem })
backend-path-symlink = goes through a symbolic link

## Dòng lệnh (--help)

cli-about = congxa — a commune's information portal from Markdown: builds the site from `content/` and a Tera theme.
cli-lang = Language of messages: `vi` (default) or `en`; else the `CONGXA_LANG` environment variable.
cli-help = Print this help.
cli-version = Print the version.
cli-heading-usage = Usage:
cli-heading-options = Options
cli-heading-arguments = Arguments
cli-heading-commands = Commands
cli-value-command = COMMAND
cli-build-about = Build the site into the output folder (atomically: a failed build changes nothing).
cli-build-root = Site folder (holding `site.yaml` and `content/`) [default: the current folder].
cli-build-output = Output folder [default: <root>/output].
cli-build-base_url = Override `base_url` from site.yaml (e.g. for a preview host).
cli-build-drafts = Include drafts and future-dated pages.
cli-build-relative = Kiosk build: every link relative and ending in `index.html`, for file:// and USB sticks.
cli-build-quiet = Print nothing on success.
cli-check-about = Validate everything `build` validates, without touching the output folder.
cli-check-root = Site folder (holding `site.yaml` and `content/`) [default: the current folder].
cli-check-drafts = Also check drafts and future-dated pages.
cli-check-strict = Warnings fail the check too (exit 1), e.g. in CI.
cli-audit-about = List what the law on state agencies' portals (NĐ 42/2022/NĐ-CP) asks of the site, provided or missing.
cli-audit-long =
    List what the law on state agencies' portals (NĐ 42/2022/NĐ-CP) asks of the site, provided or missing.
    
    One line per item of articles 4 and 7: "provided" (and where: a URL, a file, a `site.yaml` key) or "missing" (and what to add), with the article and clause.
cli-audit-root = Site folder (holding `site.yaml` and `content/`) [default: the current folder].
cli-audit-strict = Exit with status 1 while any item is missing.
cli-new-about = Create a new article with valid front matter and today's date (Asia/Ho_Chi_Minh).
cli-new-root = Site folder (holding `site.yaml` and `content/`) [default: the current folder].
cli-new-path = Path of the new file inside `content/`, e.g. `tin-tuc/hoi-nghi-sipas.md`.
cli-new-title = Title [default: made from the file name].
cli-new-index = Governance index key (`par-index`, `papi`, `sipas`).
cli-new-area = Area key(s) of that index.
cli-init-about = Create a new, complete commune site: the three governance indices with all their areas, a commented `site.yaml`, CI files and a first article.
cli-init-dir = Folder to create (must be empty or absent).
cli-init-commune = The commune's name, e.g. `--xa "Hòa Phú"` (shown in the home page's title).
cli-serve-about = Preview the site: build it in memory, serve it, rebuild what changes and reload the browser.
cli-serve-long =
    Preview the site: build it in memory, serve it, rebuild what changes and reload the browser.
    
    Watches `content/`, `themes/` and `site.yaml`; an edit re-renders the article and the pages that show it, and open tabs reload. Errors show in the terminal and over the page, while the last good build keeps being served. Nothing is written to `output/`.
cli-serve-root = Site folder (holding `site.yaml` and `content/`) [default: the current folder].
cli-serve-bind = Address to listen on. The default only accepts this computer; another address (e.g. 0.0.0.0) shows the preview to the whole network [default: 127.0.0.1].
cli-serve-port = Port to listen on (0: any free port) [default: 1111].
cli-serve-drafts = Include drafts and future-dated pages.
cli-serve-open = Open the site in the default web browser.

## Mẫu giao diện (templates)

did-you-mean = did you mean `{ $name }`?
template-syntax-error = template syntax error: { $detail }
template-error = template error: { $detail }
template-missing-parent = template extends `{ $parent }`, which does not exist
template-not-found = template `{ $name }` not found
template-context-hint = see the template context in the user guide (reference/template-context)
template-syntax-hint = see Tera 2 syntax: `{"{"}{"{"} value {"}"}{"}"}`, `{"{"}% if %{"}"}…{"{"}% endif %{"}"}`, `{"{"}% for x in list %{"}"}…{"{"}% endfor %{"}"}`
template-block-hint = a child template can only fill blocks its parent (`{"{"}% extends %{"}"}`) declares; rename the block or add it to the parent
template-unknown-hint = no { $kind } has this name; see the template helpers in the user guide (reference/template-context) and Tera 2's built-ins
limits-took-longer = took longer than { $limit }
limits-wrote-more = wrote more than { $limit }
limits-was-skipped = was skipped
limits-hint = a loop in this template (or in a template it extends or includes) runs too long or prints too much, e.g. a `range()` inside another `range()`; make it smaller (congxa stops a page after { $time } or { $bytes } of output: see the user guide, reference/serve)
limits-skipped = the outputs still to render were skipped: template `{ $template }` ran over congxa's limits
limits-stopped = rendering stopped: it { $what } (template `{ $template }`)
limits-overdue = rendering stopped: it took longer than { $limit } (template `{ $template }`), and could not be interrupted
limits-overdue-hint = while rendering { $what }; { $hint }
limits-bytes = { $n } bytes
limits-check-took-longer = rendering took longer than { $limit } (congxa's limit per page)
range-start-after-end = function `range` was called with `start` ({ $start }) greater than `end` ({ $end }); swap them or add `step_by=-1`
range-step-zero = function `range` was called with `step_by=0`; the step must not be 0
range-overflow = function `range` was called with numbers too large
range-too-long = function `range` would produce { $len } numbers, over the limit of { $limit }
links-more-missing =
    this and { $n } more { $n ->
        [one] link
       *[other] links
    } to missing pages or files

## congxa new

new-summary-errors =
    { $n } { $n ->
        [one] error
       *[other] errors
    } — no file was created.
new-cannot-serialize = cannot write the front matter: { $error }
new-cannot-mkdir = cannot create the folder: { $error }
new-done = Created { $path }
new-cannot-write = cannot write: { $error }
new-bad-place = cannot create an article here: { $reason }
new-inside-content-hint = give a path inside `content/`, e.g. `tin-tuc/hoi-nghi-sipas.md`
new-not-md = an article's file name must end in `.md`
new-not-md-hint = e.g. `tin-tuc/hoi-nghi-sipas.md`
new-no-content = cannot read the `content/` folder: { $error }
new-no-content-hint = run the command in the site's folder, or give `--root`
new-outside = this path leads outside the `content/` folder (through a link)
new-exists = already exists
new-exists-hint = choose another file name
new-index-did-you-mean = did you mean `--index { $name }`?
new-no-indices = the site declares no index (an `index:` block in `content/<name>/_index.md`)
new-indices-are = the site's indices: { $list }
new-unknown-index = there is no index `{ $name }`
new-area-of = `{ $area }` is an area of index `{ $index }`: add `--index { $index }`
new-area-did-you-mean = did you mean `--area { $name }`?
new-index-first = give the index first: `--index <index> --area <area>`
new-areas-are = the areas of the chosen index: { $list }
new-unknown-area = there is no area `{ $name }` in the chosen index

## Dòng lệnh: cách dùng (usage)

cli-usage = congxa [--lang vi|en] <COMMAND> [OPTIONS]
cli-build-usage = congxa build [OPTIONS]
cli-check-usage = congxa check [OPTIONS]
cli-audit-usage = congxa audit [OPTIONS]
cli-new-usage = congxa new [OPTIONS] <PATH>
cli-init-usage = congxa init [--xa <COMMUNE>] <DIR>
cli-serve-usage = congxa serve [OPTIONS]

## Phần đầu bài, YAML (front matter)

empty = {""}
yaml-tab-indent = this line is indented with the Tab key; YAML takes spaces only
yaml-tab-indent-hint = remove the Tabs at the start of the line and indent with spaces (two spaces a level; main keys such as `date:` start at the left margin)
yaml-no-space = a space is missing after `{ $key }:`
yaml-no-space-hint = write a space after the colon: `{ $key }: { $value }`
yaml-key-belongs-under = `{ $key }` belongs inside `{ $block }:`: write it under the `{ $block }:` line, indented by two spaces
yaml-unknown-key = key `{ $key }` cannot be used here
yaml-unknown-key-in = key `{ $key }` cannot be used inside `{ $block }:`
yaml-unknown-key-did-you-mean = did you mean `{ $name }`? The keys valid here: { $list }
yaml-unknown-key-hint = remove this line or correct the key's name; the keys valid here: { $list }
yaml-missing-key = the required key `{ $key }` is missing
yaml-missing-key-hint = add a line `{ $key }: ...`
yaml-missing-key-in = the required key `{ $key }` is missing inside `{ $block }:`
yaml-missing-key-in-hint = add a line `{ $key }: ...` inside `{ $block }:`
yaml-duplicate-key = key `{ $key }` is written twice
yaml-duplicate-key-hint = write each key once: keep one line, delete the other
yaml-invalid-value = the value of `{ $key }` cannot be used
yaml-check-value-hint = check the value against this key's guide
yaml-colon-in-value = a colon `:` is inside a value that is not in quotes
yaml-quote-hint = put the whole value in double quotes: `{ $line }`
yaml-tab = this line holds a Tab; YAML takes spaces only
yaml-tab-hint = replace the Tab with spaces
yaml-no-colon = this line lacks the colon `:` after the key's name
yaml-no-colon-hint = write `key: value`, e.g. `summary: Tóm tắt bài`
yaml-open-quote = the quote opened here is never closed
yaml-open-quote-hint = add the closing quote at the end of the value, on the same line
yaml-syntax = the front matter is malformed here
yaml-syntax-hint = one `key: value` a line; put a value holding `:` or ` #` in double quotes; indent with spaces, never Tabs; brackets `[` `]` and braces `{"{"}` `{"}"}` come in pairs
yaml-not-taken = , not `{ $value }`
yaml-the-value = the value
yaml-the-key = `{ $key }`
yaml-empty = { $name } is empty
yaml-empty-hint = write a value after `{ $key }:` (put the whole value in double quotes if it starts with `#`, `[` or `{"{"}`), or delete this line
yaml-bool = { $name } takes only `true` or `false`{ $written }
yaml-bool-hint = write `{ $key }: true` (yes) or `{ $key }: false` (no)
yaml-integer = { $name } must be a whole number{ $written }
yaml-integer-hint = write digits, e.g. `{ $key }: 3`
yaml-number = { $name } must be a number{ $written }
yaml-number-hint = write digits, with a dot before the decimals: `{ $key }: 84.75`
yaml-list = { $name } must be a list{ $written }
yaml-list-hint = write it in square brackets, e.g. `{ $key }: [a, b]` (one item too: `{ $key }: [a]`)
yaml-scalar = { $name } must be a single value, not a list or a block of keys
yaml-scalar-hint = write `{ $key }: value` on one line; put the whole value in double quotes if it holds `[`, `{"{"}` or `:`
yaml-map = { $name } must be a block of keys, one a line
yaml-map-hint = write `{ $key }:`, then each inner key on its own line indented by two spaces (`  key: value`); add any space missing after a colon
yaml-wrong-type = { $name } has the wrong kind of value{ $written }

## Bài viết (pages)

field-title = the title
field-summary = the summary
field-description = the description
warn-emptied-by-comment = warning: { $name } is left empty (YAML reads everything from `#` on as a comment)
warn-cut-by-comment = warning: { $name } is cut at ` #`: only `{ $kept }` is left (YAML reads everything from ` #` on as a comment)
warn-summary-colon = warning: the summary ends with a colon `:`, as if the rest were missing
warn-summary-colon-hint = finish the summary's sentence; if it spans lines or holds a `:`, put the whole summary in double quotes on one line
warn-future-date = warning: the article is dated in the future, so it is not shown yet; it will appear on { $date }
warn-future-date-hint = if the year is a typo, correct the date; if you meant to schedule the article, nothing to do
date-hint = write the day, then the month, then the year: `{ $key }: 16/7/2024` or `{ $key }: 16/07/2024` (or `{ $key }: 2024-07-16`); add a time after a space: `{ $key }: 16/7/2024 08:30`
page-empty-slug = `{ $slug }` gives an empty URL slug
page-empty-slug-hint = use letters or digits in the file name or in `slug:`
page-no-image-alt = `image` is set but `image_alt` is missing
page-no-image-alt-hint = add `image_alt:` describing the picture for blind readers, e.g. `image_alt: Hội nghị tuyên truyền tại hội trường UBND xã`
page-bad-lang = unsupported language `{ $lang }`
page-bad-lang-hint = use `lang: vi` or `lang: en`
page-no-indices = no governance index is declared; add an `index:` block to `content/<key>/_index.md`
page-known-indices = known indices: { $list }
page-unknown-index = unknown index `{ $key }`
page-area-of = `{ $key }` is an area of `{ $index }`: add `{ $index }` to `indices`
page-index-first = list the area's index in `indices` first
page-known-areas = areas of the listed indices: { $list }
page-unknown-area = unknown area `{ $key }` for the listed indices
page-document-issued = `document.issued`: { $error }
page-missing-file = attached file `{ $file }` does not exist
page-missing-file-hint = put the file next to `{ $rel }`
page-bad-effective = bad `effective` date: { $error }
page-bad-effective-hint = write `effective: 16/07/2024` (the day the document takes effect)
alias-clean-hint = write it like `/tin-cu/ke-hoach/`
alias-outside = alias `{ $alias }` is an outside address, not an old path of this site
alias-not-clean = alias `{ $alias }` is not a clean site path
alias-not-clean-why = alias `{ $alias }` is not a clean site path: { $why }
url-refused-scheme = `{ $field }` is `{ $value }`: a `{ $scheme }:` address is not published (it could run code or open a file when a reader clicks it)
url-protocol-relative = `{ $field }` is `{ $value }`: an address starting with `//` leads to another site without saying how
url-refused-scheme-hint = write a web address (`https://…`, `http://…`), a `mailto:` or `tel:` address, or a path inside the site (`tai-lieu/kh-93.pdf`, `/gioi-thieu/`)
url-protocol-relative-hint = write the full address with `https://`, or a path inside the site with a single `/` (`/gioi-thieu/`)

## Biểu trưng (logo)

logo-outside = `logo` is `{ $logo }`: an address outside the site
logo-outside-hint = put the logo file in `content/` and give its path there, e.g. `logo: logo-xa.png` (the site must not load anything from other hosts)
logo-put-in-content-hint = put the logo file in `content/` and give its path there, e.g. `logo: logo-xa.png`
logo-leaves-content = `logo` is `{ $logo }`: a path that leaves `content/`
logo-missing = logo `{ $logo }` does not exist in `content/`
logo-missing-hint = put the logo file in `content/` (for example `content/logo-xa.png`) and write its path from there: `logo: logo-xa.png`
logo-not-image-name = logo `{ $logo }` is not an image file
logo-not-image-name-hint = use a picture file ending in one of: { $extensions }
logo-unreadable = cannot read logo `{ $logo }`: { $error }
logo-unreadable-hint = check that the file can be opened
logo-not-image = logo `{ $logo }` is not an image: its content is not PNG, JPEG, GIF, WebP, AVIF or SVG
logo-not-image-hint = export the logo again as PNG or SVG and replace the file

## Ngày tháng (dates)

date-invalid = `{ $value }` is not a valid date
date-out-of-range = the date `{ $value }` is out of range
date-no-such-month = the date `{ $value }` does not exist: there is no month { $month } (months go from 1 to 12)
date-bad-year = the year in `{ $value }` is not valid
date-no-such-day = the date `{ $value }` does not exist: month { $month } of { $year } has only { $days } days
date-not-real = the date `{ $value }` does not exist
date-no-such-time = the time `{ $time }` in `{ $value }` does not exist (times go from 00:00 to 23:59)
date-bad-offset = `{ $value }` is not a UTC offset like `+07:00`

## Cấu hình trang (site.yaml)

config-unreadable = cannot read the site configuration: { $error }
config-unreadable-hint = is `{ $root }` a congxa site? `congxa init DIR` creates one
not-utf8-at = not valid UTF-8 (byte { $byte })
save-as-utf8-hint = save the file as UTF-8
config-timezone-hint = Vietnam: `timezone: "+07:00"`
config-base-url-hint = write a full URL such as `https://hoaphu.example.gov.vn/`
config-base-url-scheme = base_url `{ $url }` must start with `https://` or `http://`
config-base-url-host = base_url `{ $url }` has no host name
config-paginate = `paginate` must be at least 1

## Liên kết (links)

md-duplicate-heading-id = heading id `#{ $id }` is used twice
md-duplicate-heading-id-hint = give each `{"{"}#id{"}"}` in a page a different name
link-missing = link to missing page or file `{ $dest }`
link-target-excluded-hint = the target is a draft or dated in the future: it is left out of this build
link-absolute-hint = link to a page's URL such as `/tin-tuc/` or to its file such as `../tin-tuc/bai.md`
link-relative-hint = the path is relative to this file; check the spelling, or link to the page's URL such as `/tin-tuc/`
first-problems-only-hint = only the first problems of a file are listed; fix them and check again
anchor-missing = link to missing anchor `#{ $anchor }` in `{ $target }`
anchor-no-headings = `{ $target }` has no headings
anchor-headings-are = headings in `{ $target }`: { $list }
anchors-more-missing =
    this and { $n } more { $n ->
        [one] link
       *[other] links
    } to missing anchors
output-file-is-dir = output file `{ $path }` is also a directory of other outputs (`{ $path }/…`)
output-inside-file = output file `{ $path }` would be inside output file `{ $dir }`
output-file-and-page-hint = a file (in `content/` or a theme's `static/`) and a page need the same path; rename one
output-duplicate = duplicate output file `{ $path }`
output-duplicate-hint = a theme static file and a content file have the same path; rename one

## Tệp nội dung (content files)

fm-missing = the front matter is missing: the file's first line must be `---`
fm-missing-hint = start the file with a `---` line, then `title: ...`, then another `---` line to close it
fm-unclosed = the front matter is never closed: the second `---` line is missing
fm-unclosed-hint-before = add a `---` line right after the front matter's last key (before line { $line })
fm-unclosed-hint = add a `---` line right after the front matter's last key
cannot-read = cannot read: { $error }
load-no-content = the site has no `content/` folder
load-no-content-hint = create `content/_index.md` for the home page
load-link-loop = symbolic link loop
load-link-loop-hint = remove the link or fix the permissions
load-link-outside = symbolic link points outside the site
load-link-outside-hint = copy the file into the site instead of linking to it; congxa never publishes files from outside the site
load-office-file = this file is not a Markdown article but { $kind } renamed to `.md`
load-office-file-hint = give the file back its real extension and attach it to an article (`document:` with `file:`), or open it in Word and copy the text into a new `.md` file (starting with `---`, `title: ...`, `---`)
office-pdf = a PDF file (.pdf)
office-old = an old Word or Excel file (.doc, .xls)
office-docx = a Word file (.docx)
office-xlsx = an Excel file (.xlsx)
office-pptx = a PowerPoint file (.pptx)
office-zip = a compressed file (.zip, .docx, .xlsx or .odt)
load-not-utf8 = the file is not valid UTF-8
load-not-utf8-hint = save the file as UTF-8 (in Notepad: File → Save as → Encoding: UTF-8)
name-not-a-name = `{ $name }` is not a file name
name-not-plain = `{ $name }` is not a plain file name
name-rename-hint = rename the file
name-not-utf8 = the file name is not valid UTF-8
name-not-utf8-hint = rename the file using UTF-8 characters
name-reserved = the name `{ $name }` contains `{ $char }`
name-reserved-hint = rename it without `\ < > : " | ? *` (Windows cannot hold such names, and a `\` would be read as a folder separator)
name-hidden = `{ $name }` is a hidden file name
name-hidden-hint = rename it without the leading `.`: hidden files are never published
name-control = the name `{ $name }` contains a control character
name-control-hint = rename it using letters, digits, spaces and `-`
name-too-long = the name is { $bytes } bytes long; file systems take at most { $max }
name-too-long-hint = give the file a shorter name
name-folder-no-slug = the folder name `{ $name }` gives no URL: it has no letter or digit
name-folder-no-slug-hint = rename the folder with letters or digits, e.g. `tin-tuc`

## YAML bị từ chối (refused YAML)

yaml-too-deep = `[` and `{"{"}` nested more than { $max } deep
yaml-too-deep-hint = front matter needs at most a list in a list; check the brackets
yaml-control = a control character ({ $code }) in a value: YAML escapes such as `\e`, `\x1b`, `\0` or `\u009b` make characters that cannot be shown or read aloud
yaml-control-hint = remove the escape sequence from the quoted text
yaml-aliases = YAML aliases expand too much: with every `*alias` replaced by the value its `&anchor` names, the text would grow by more than { $nodes } values or { $mib } MiB
yaml-aliases-at = YAML aliases expand too much at `{ $alias }`: with every `*alias` replaced by the value its `&anchor` names, the text would grow by more than { $nodes } values or { $mib } MiB
yaml-aliases-hint = an alias (`*name`) repeats the value anchored as `&name`; congxa's files never need one: write each value out, or remove the aliases

## Chỉ số, thẻ, bản dịch (indices, tags, translations)

index-on-home = the home page cannot be a governance index
index-on-home-hint = move the `index:` block to `content/<key>/_index.md`, e.g. `content/sipas/_index.md`
index-area-not-slug = area key `{ $key }` is not a URL slug
index-area-not-slug-hint = use `{ $slug }`
index-area-twice = area key `{ $key }` is declared twice
index-score-no-source = the score for { $year } has no source
index-score-no-source-hint = every score needs `source:` naming where it was published
tag-clash = tag `{ $tag }` and tag `{ $other }` (first in `{ $first }`) would share the URL `{ $path }`
tag-clash-hint = write the tag the same way everywhere, or give the two tags names that differ in letters or digits
tag-empty-slug = tag `{ $tag }` gives an empty URL slug
attachment-excluded = attached file `{ $file }` belongs to a page left out of this build (a draft or dated in the future)
attachment-excluded-hint = move the file next to this page, or publish the page it belongs to
translation-not-page = translation `{ $target }` is not a page
translation-not-page-hint = give the other page's path inside `content/`, e.g. `translation: en/contact.md`
date-required = `date` is required: section `{ $section }` is sorted by date
date-required-hint = add `date: 16/07/2024`, or set `sort_by: weight` or `sort_by: title` in the section's `_index.md`
menu-link-missing = `{ $key }:` points to `{ $url }`, but the site has no page at that address
menu-link-did-you-mean = did you mean `{ $name }`? Correct `url:` to the address of one of the site's pages
menu-link-missing-hint = correct `url:` to the address of one of the site's pages (e.g. `/tin-tuc/`), or remove this link

## Địa chỉ trùng (URL clashes)

what-output = the output `{ $path }`
what-register-page = a documents register page
what-leaflet-of = the leaflet of `{ $file }`
what-broadcast-of = the broadcast script of `{ $file }`
what-section = section `{ $dir }`
what-index-feed = the feed of index `{ $index }`
what-area = area `{ $area }` of index `{ $index }`
what-file = `{ $file }`
what-alias-of = alias of `{ $file }`
what-tag = tag `{ $tag }`
what-asset = file `content/{ $file }`
what-another-output = another output
what-tag-list = the tag list
what-register = the documents register
what-search = the search page
what-404 = the 404 page
what-feed = the site feed
what-sitemap = the sitemap
what-robots = robots.txt
url-inside-file = URL `{ $path }` of { $what } would be inside `{ $file_path }`, which is the file `content/{ $file }`
url-inside-file-hint = rename the file, or give the page another `slug:` (or file name)
url-duplicate = duplicate URL `{ $path }`: { $what } and { $first } would both be written there
url-duplicate-hint = change the `slug:` (or the file name) of one of them
url-part-too-long = the URL of { $what } has a part { $bytes } bytes long (`{ $start }…`); file systems take at most { $max } bytes per name
url-part-too-long-hint = give a shorter `slug:` (or file name)

## Giao diện (themes)

theme-extends-itself = theme `{ $theme }` extends itself through `extends:`
theme-missing-template = theme `{ $theme }` has no template `{ $template }`
theme-missing-template-hint = add it, or put `extends: default` in the theme's `theme.yaml`
theme-missing = missing theme `{ $theme }`: no directory `themes/{ $theme }/`
theme-missing-hint = create `themes/<name>/templates/`, or use `theme: default`
theme-template-not-utf8 = the template is not readable UTF-8 text

## Kiểm tra theo Nghị định 42 (congxa audit)

audit-cite-point = Art. { $article }({ $clause })({ $point })
audit-cite = Art. { $article }({ $clause })
audit-item-documents = Legal and administrative documents: form, issuer, number, issue date, effective date, excerpt, downloadable file
audit-item-document-search = A tool to search the documents
audit-item-procedures = Administrative procedures and online public services (linked to the National Public Service Portal)
audit-item-functions = Functions, duties and powers of the agency
audit-item-structure = Organisational structure and chart
audit-item-agency-contacts = Address, telephone and email of the agency
audit-item-focal-points = Name, position, unit, telephone and official email of the focal-point officials
audit-item-search = Search that finds information fully and accurately
audit-item-links = Links to the portals of other relevant state agencies
audit-item-print = Printing and archiving for each article
audit-item-english-organisation = In English: organisation, functions, duties and powers
audit-item-english-contacts = In English: contacts of the competent officials
audit-provided = provided
audit-missing = missing
audit-summary = Decree 42/2022/ND-CP: { $provided } of { $n } items provided, { $gaps } missing.
audit-register =
    register { $path } ({ $n } { $n ->
        [one] document
       *[other] documents
    })
audit-add = add { $keys }
audit-and = {" and "}
audit-english-contact-page = write the English page content/en/contact.md (`lang: en`, file name `{ $slug }`, `translation: lien-he.md`): the officials of `contacts:` are shown on it
audit-empty-or-updating = (empty or being updated)
audit-lacks = lacks { $keys }
audit-links-count =
    { $n } { $n ->
        [one] link
       *[other] links
    }
audit-documents-1 = no document yet: publish each one as a page with a `document:` block (number, issued, issuer, type, effective, file; `excerpt` when it differs from the title)
audit-documents-2 = `effective:` (effective date)
audit-documents-3 = `file:` (the document's file)
audit-document-search-1 = comes with the first document (the search field and the filter pages by type and year at /van-ban/)
audit-document-search-2 = /van-ban/ (search field over number, excerpt and issuer; filters by type /van-ban/loai/… and year /van-ban/nam/…)
audit-procedures-1 = write a page on administrative procedures (with “thủ tục hành chính” in its title), e.g. content/huong-dan/huong-dan-thu-tuc-hanh-chinh.md
audit-procedures-2 = add to `links:` in site.yaml: `{"{"}title: Cổng Dịch vụ công quốc gia, url: https://dichvucong.gov.vn{"}"}`
audit-functions-1 = write a page titled “Chức năng, nhiệm vụ …”, e.g. content/gioi-thieu/chuc-nang-nhiem-vu.md
audit-structure-1 = write a page titled “Cơ cấu tổ chức …” (with the chart), e.g. content/gioi-thieu/co-cau-to-chuc.md
audit-agency-contacts-1 = site.yaml: organization (footer of every page)
audit-contact-gaps-1 = add `contacts:` to site.yaml: `- {"{"}name: …, position: …, unit: …, phone: …, email: …{"}"}`
audit-focal-points-1 = write the contact page content/lien-he.md (the focal points are shown on it)
audit-search-1 = /tim-kiem/ (with or without Vietnamese marks; a search box atop every page)
audit-links-1 = add `links:` to site.yaml: the portals of the relevant state agencies (district, province, National Public Service Portal)
audit-print-1 = an A4 leaflet of every article at /…/in/ and a print style for every page; every article has a permanent address, listed in sitemap.xml and atom.xml
audit-english-organisation-1 = write an English page (`lang: en`) on the organisation and its functions, e.g. content/en/about.md with `translation: gioi-thieu/chuc-nang-nhiem-vu.md`

## Thư mục kết quả (output)

output-dir-hint = use `--output output` (the default) or another empty folder
output-dir-is-root = the output folder is the site's root; building would replace the site
output-dir-holds-site = the output folder contains the site; building would replace it
output-dir-inside = the output folder is inside `{ $dir }/`
output-dir-is-file = the output path is a file
output-dir-foreign = the output folder is not empty and was not created by congxa
output-dir-foreign-hint = congxa only replaces folders holding its `{ $marker }` file; empty it or choose another `--output`
write-cannot-mkdir = cannot create the folder: { $error }
write-refused = refused to write: { $why }
write-refused-hint = rename the content or theme file this output comes from; congxa writes only inside its output folder
write-cannot-write = cannot write the output file: { $error }
write-cannot-swap = cannot replace the output folder: { $error }
write-cannot-open-lock = cannot open the lock file: { $error }
write-cannot-lock = cannot lock: { $error }

## Lỗi của congxa (bugs)

bug-in-file = internal error while processing this file: { $detail }
bug-in-file-hint = this is a bug in congxa, not in your site: please report it with this file and the command you ran
bug-panic-in-file =
    internal error while processing { $file }: { $detail } (at { $location })
    This is a bug in congxa, not in your site. Please report it with the command you ran and that file.
bug-panic =
    internal error: { $detail } (at { $location })
    This is a bug in congxa, not in your site. Please report it with the command you ran.

## Trang đang dựng (what was being rendered)

what-home = the home page
what-page = { $path } ({ $file })
what-section-page = section { $path }
what-index-page = index { $path }
what-area-page = area { $path }
what-tag-page = tag { $path }
what-alias-page = alias { $path }
what-card = the card of { $path } ({ $file })
what-register-filter = the documents register page { $path }
what-broadcast = the broadcast script { $path }
what-leaflet = the leaflet { $path } ({ $file })

## Tờ rơi, bí danh (leaflets, aliases)

alias-is-home = it is the home page
alias-empty-part = a part of it is empty or starts with `.`
alias-bad-char = it holds `\`, `?`, `#`, `:` or a control character
alias-part-too-long = a part of it is longer than a file name may be
leaflet-qr-too-long = the leaflet's QR code cannot hold the article's address ({ $bytes } bytes): { $error }
leaflet-qr-too-long-hint = give the page a shorter `slug:` (or file name), or shorten `base_url` in site.yaml
leaflet-qr-failed = the leaflet's QR code could not be made for the address `{ $url }`

## Ảnh (images)

image-missing = image `{ $image }` does not exist
image-missing-hint = put the picture next to the article (or in a `<name>/index.md` bundle) and give its file name
photo-problem = photo `{ $path }`: { $problem }
photo-heif = HEIC/HEIF photos cannot be published (browsers do not show them)
photo-heif-hint = export the photo as JPEG and reference the .jpg: on an iPhone, Cài đặt > Camera > Định dạng > “Tương thích nhất” (Settings > Camera > Formats > “Most Compatible”) makes new photos JPEG, and sharing a photo to Zalo or by e-mail sends a JPEG; on a computer, open it and “Xuất/Export” as JPEG
photo-corrupt = the photo is truncated or corrupt ({ $detail })
photo-corrupt-hint = copy the photo again from the phone or camera (a download or copy was cut short), or export it again as JPEG
photo-corrupt-empty = the file is empty
photo-corrupt-no-pixels = it declares no pixels
photo-corrupt-header-cut = it ends inside its header
photo-corrupt-data-cut = its image data is cut short
photo-corrupt-no-frame = no frame
photo-corrupt-few-pixels = fewer pixels than declared
photo-unknown-format = not a photo congxa can read
photo-unknown-format-hint = publish photos as JPEG, PNG, WebP or GIF (a drawing can stay SVG, shown as it is)
photo-too-many-pixels = the photo declares { $width }x{ $height } pixels ({ $megapixels } megapixels); congxa decodes at most { $max } megapixels
photo-too-many-pixels-hint = resize the photo (a web page never shows more than 1600 pixels across) and export it again as JPEG
photo-too-tall = the photo is { $width }x{ $height } pixels: its { $vwidth }-pixel-wide variant would be { $vheight } pixels tall, more than a web image holds
photo-too-tall-hint = crop the photo to a usual shape (a phone photo is 4:3 or 16:9) and export it again
photo-unreadable = cannot read the photo: { $error }
photo-unreadable-hint = check that the file exists and can be read
photo-cache-write = cannot write the image cache `{ $dir }`: { $error }
photo-cache-write-hint = check that the site directory can be written (or delete `.congxa-cache/`)
photo-encode-failed = cannot encode the photo: { $error }
photo-bug-hint = this is a bug in congxa; please report it with the photo
gallery-photo-missing = gallery photo `{ $file }` does not exist
gallery-photo-missing-hint = put the photo (JPEG, PNG, WebP or GIF) next to the article, or in its `<name>/index.md` bundle, and give its file name
gallery-no-alt = gallery photo `{ $file }` has no `alt`
gallery-no-alt-hint = add `alt:` saying what the photo shows, for blind readers and when it does not load, e.g. `alt: Đường bê tông thôn 3 sau khi hoàn thành`
image-path-spaces = image path `{ $path }` has spaces, so Markdown does not read it as an image (it would show as text)
image-path-spaces-hint = rename the file without spaces (e.g. `{ $renamed }`), or write the path in angle brackets: `![...](<{ $path }>)`
image-path-windows = image path `{ $path }` is a place on one computer, not a file of the site
image-path-windows-hint = copy the photo next to this article (or into its `<name>/index.md` bundle) and write its file name: `![...]({ $name })`
raw-img-no-alt = the `<img>` tag of photo `{ $path }` has no `alt`
raw-img-no-alt-hint = add `alt="..."` saying what the photo shows, for blind readers and when it does not load (`alt=""` if it is only decoration), or write the image in Markdown: `![description]({ $path })`
raw-img-missing = an `<img>` tag shows photo `{ $path }` but there is no such file
raw-img-missing-hint = the path starts from this file; check the file name (capitals, accents) and copy the photo next to the article
raw-img-srcset = the `srcset` of an `<{ $tag }>` tag names photo `{ $path }` of the site: originals are not published, so the page would show a broken image
raw-img-markdown-hint = write the image in Markdown: `![description]({ $path })`, or as `<img src="{ $path }" alt="description">` without `srcset`: congxa makes the sizes itself
images-widths = `images.widths` must list widths from { $min } to { $max } pixels
images-widths-hint = e.g. `widths: [480, 960, 1600]` (the default)
images-quality = `images.quality` must be from 1 to 100
images-quality-hint = 80 (the default) keeps photos sharp at a quarter of their size

## Trang biên tập (admin:)

admin-repo = `admin.repo` is `{ $value }`, not `owner/name`
admin-repo-hint = write the repository as on its web page: `ten-to-chuc/ten-kho` (GitLab: `nhom/nhom-con/ten`)
admin-branch = `admin.branch` is `{ $value }`, not a branch name
admin-branch-hint = the branch the site is built from, usually `main`
admin-script = `admin.script` is `{ $value }`: an `https://` address or a path of this site (`/decap-cms.js`) is needed
admin-script-hint = leave it out to load Decap CMS from `{ $default }`
admin-url = `admin.{ $key }` is `{ $value }`, not an `https://` address
admin-url-hint = the address of the Git server, e.g. `https://git.example.gov.vn`
admin-app-id = `admin.app_id` is empty or holds spaces
admin-app-id-hint = copy the Application ID (Client ID) of the OAuth application

## Dòng lệnh: dùng sai (usage errors)

usage-unknown-argument = error: there is no option `{ $arg }`
usage-unknown-command = error: there is no command `{ $name }`
usage-invalid-value = error: `{ $value }` cannot be used for `{ $arg }`
usage-missing-argument = error: `{ $arg }` is missing
usage-other = error: the command line is not right
usage-hint = see `congxa --help`, or `congxa <command> --help`

## Đường dẫn kết quả (output paths)

out-path-empty = empty output path
out-path-absolute = output path `{ $path }` is absolute
out-path-dots = output path `{ $path }` has an empty, `.` or `..` part
out-path-chars = output path `{ $path }` contains `\`, `:` or a control character
out-path-too-long = a name in output path `{ $path }…` is { $bytes } bytes long; file systems take at most { $max }
out-path-marker = output path `{ $path }` is congxa's own marker file
theme-file-not-utf8 = the theme file is not readable UTF-8 text
