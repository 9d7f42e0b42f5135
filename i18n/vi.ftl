# Thông báo của congxa bằng tiếng Việt (ngôn ngữ mặc định).
# Mỗi mục phải có mặt trong en.ftl với cùng tên và cùng các biến `$...`
# (kiểm tra: `cargo test --lib messages`).

## Chung

hint-label = gợi ý
summary-errors = { $n } lỗi — không ghi gì vào thư mục kết quả.
summary-warnings = { $n } cảnh báo.
hint-rendering = khi dựng { $what }
hint-rendering-also = khi dựng { $what } và { $n } trang khác gặp cùng lỗi này

## Lệnh (Commands)

build-done = Đã xây dựng { $pages } trang, { $files } tệp ({ $mb } MB) vào { $output } trong { $ms } ms
check-done = Không có lỗi: đã kiểm tra { $pages } trang, { $files } tệp.
check-strict-failed = { $n } cảnh báo, mà `--strict` coi cảnh báo là lỗi: hãy sửa rồi kiểm tra lại.
init-not-empty = thư mục này đã có tệp
init-not-empty-hint = chọn một tên thư mục mới
init-done =
    Đã tạo trang mới tại { $dir }. Tiếp theo: congxa serve --root { $dir }
    Đọc bài đầu tiên (content/tin-tuc/huong-dan-viet-bai.md) để biết cách viết bài mới.

## Xem trước (serve)

serve-bind-network = cảnh báo: --bind { $bind } cho mọi máy trong mạng xem được bản xem trước; dùng 127.0.0.1 nếu không cần.
serve-bind-network-hint = từ máy khác, mở bằng địa chỉ IP của máy này, ví dụ { $example } (tên máy khác localhost bị từ chối)
serve-listening = Đang phục vụ tại { $url } — sửa tệp trong content/, themes/ hoặc site.yaml để xem ngay. Ctrl+C để dừng.
serve-admin = Trang biên tập: { $url }admin/ — bài lưu thẳng vào content/ (máy chủ biên tập tại http://{ $backend }, chỉ máy này dùng được).
serve-no-browser = không mở được trình duyệt: { $error }
serve-stopped = Đã dừng.
serve-error-bind = không nghe được ở { $addr }: { $error }
serve-error-bind-hint = một chương trình khác (có thể là một `congxa serve` khác) đang dùng cổng này; thử cổng khác, ví dụ `--port 1121` (`congxa serve` cũng dùng cổng kế tiếp cho `/admin/`)
serve-error-root = thư mục trang web `{ $path }`: { $error }
serve-error-watch = không theo dõi được thay đổi của trang web: { $error }
serve-error-runtime = không khởi động được máy chủ web: { $error }
serve-watcher = theo dõi tệp: { $error }
serve-no-threads = không khởi động được các luồng dựng lại: { $error }
serve-restart-failed = không khởi động lại được việc dựng lại: { $error }
serve-updated-discovery = nguồn tin Atom, sơ đồ trang, chỉ mục tìm kiếm
serve-updated-fast = nhanh: dựng lại { $rendered }/{ $jobs } trang
serve-updated-full = đầy đủ: dựng lại { $rendered }/{ $jobs } trang
serve-updated =
    Cập nhật trong { $ms } ms ({ $what }), { $n } tệp thay đổi{ $shown ->
        [0] {""}
       *[other] : { $files }
    }{ $more ->
        [0] {""}
       *[other] {" "}và { $more } tệp khác
    }
serve-first-build = Đã dựng { $pages } trang ({ $files } tệp) trong { $ms } ms.
serve-summary-errors = { $n } lỗi — vẫn đang phục vụ bản dựng tốt gần nhất.
serve-runaway-summary = 1 lỗi — vẫn đang phục vụ bản dựng tốt gần nhất; congxa dựng lại khi một mẫu (template) thay đổi.
serve-waiting = Trang chưa dựng được: xem lỗi trong cửa sổ dòng lệnh.
serve-overlay-title = Lỗi khi dựng trang — đang hiển thị bản dựng tốt gần nhất
serve-overlay-help = Sửa tệp được nêu dưới đây và lưu lại; trang sẽ tự tải lại.
serve-overlay-close = Đóng
serve-warnings-new =
    { $new ->
        [one] 1 cảnh báo mới
       *[other] { $new } cảnh báo mới
    } (trang web có tất cả { $total } cảnh báo).
serve-warnings-none = Đã hết cảnh báo.

## Xem trước: câu trả lời HTTP (serve's HTTP answers)

serve-http-bad-path = 400 Bad Request: đường dẫn không hợp lệ
serve-http-not-found = 404 Not Found: trang web không có tệp này
serve-http-changed-file = 503 Service Unavailable: tệp này đã thay đổi từ lần dựng tốt gần nhất, hoặc dẫn ra ngoài trang; chỉ phục vụ lại sau khi dựng lại thành công.
serve-host-refused = { $status }: congxa serve chỉ trả lời địa chỉ của chính nó ({ $hosts }).
serve-host-any-ip = địa chỉ IP của máy này

## Máy chủ biên tập của serve (the admin's local backend)

backend-foreign-origin = Không được phép: yêu cầu đến từ một trang khác, không phải trang xem trước của congxa serve.
backend-not-json = Yêu cầu phải là JSON (Content-Type: application/json).
backend-internal = Lỗi trong congxa khi xử lý yêu cầu; xem cửa sổ dòng lệnh.
backend-bad-params = Yêu cầu không hợp lệ: { $error }
backend-bad-json = Yêu cầu không phải JSON hợp lệ: { $error }
backend-no-file = Không có tệp `{ $path }`.
backend-no-upload = Yêu cầu không có tệp nào.
backend-unknown-action = Máy chủ biên tập của congxa serve không làm việc `{ $action }` (chỉ đăng thẳng, không có quy trình duyệt bài).
backend-io = Không ghi hoặc đọc được tệp: { $error }
backend-upload-markdown = Không được phép tải lên `{ $path }` như một tệp ảnh hay tài liệu.
backend-not-base64 = Tệp tải lên phải mã hóa base64.
backend-bad-base64 = Tệp `{ $path }` không đọc được (base64: { $error }).
backend-no-entry = Yêu cầu không có bài nào để lưu.
backend-not-article = Không được phép: `{ $path }` không phải tệp bài viết (.md).
backend-exists = Chưa lưu: đã có bài `{ $path }`; hãy đặt tiêu đề khác.
backend-folder-exists = Chưa lưu: thư mục `{ $dir }` đã có; hãy đặt tiêu đề khác.
backend-delete-folder = Không được phép xóa thư mục `{ $path }`.
backend-not-saved = Chưa lưu: nội dung có { $n } lỗi, trang sẽ không dựng được. Sửa rồi lưu lại.
backend-not-deleted = Chưa xóa: nội dung có { $n } lỗi, trang sẽ không dựng được. Sửa rồi thử lại.
backend-path-refused = Không được phép: đường dẫn `{ $path }` { $why }. Trang biên tập chỉ đọc và ghi trong thư mục content/.
backend-path-invalid = không hợp lệ (rỗng, tuyệt đối hoặc có ký tự `\`)
backend-path-outside = nằm ngoài thư mục content/
backend-path-bad-name = có tên không dùng được ({ $problem })
backend-path-symlink = đi qua một liên kết tượng trưng (symlink)

## Dòng lệnh (--help)

cli-about = congxa — trang thông tin điện tử xã từ Markdown: dựng trang web của xã từ `content/` và một giao diện Tera.
cli-lang = Ngôn ngữ của thông báo: `vi` (mặc định) hoặc `en`; nếu không ghi thì theo biến môi trường `CONGXA_LANG`.
cli-help = In trợ giúp này.
cli-version = In số phiên bản.
cli-heading-usage = Cách dùng:
cli-heading-options = Tùy chọn
cli-heading-arguments = Tham số
cli-heading-commands = Lệnh
cli-value-command = LỆNH
cli-build-about = Dựng trang web vào thư mục kết quả (trọn vẹn: bản dựng lỗi không thay đổi gì).
cli-build-root = Thư mục trang web (chứa `site.yaml` và `content/`) [mặc định: thư mục hiện tại].
cli-build-output = Thư mục kết quả [mặc định: <root>/output].
cli-build-base_url = Thay `base_url` của site.yaml (ví dụ cho một máy xem thử).
cli-build-drafts = Dựng cả bài nháp và bài có ngày trong tương lai.
cli-build-relative = Bản dựng cho máy tra cứu: mọi liên kết tương đối và kết thúc bằng `index.html`, mở được từ file:// và USB.
cli-build-quiet = Không in gì khi thành công.
cli-check-about = Kiểm tra mọi thứ `build` kiểm tra, không đụng tới thư mục kết quả.
cli-check-root = Thư mục trang web (chứa `site.yaml` và `content/`) [mặc định: thư mục hiện tại].
cli-check-drafts = Kiểm tra cả bài nháp và bài có ngày trong tương lai.
cli-check-strict = Cảnh báo cũng làm việc kiểm tra thất bại (mã thoát 1), ví dụ trong CI.
cli-audit-about = Liệt kê những gì Nghị định 42/2022/NĐ-CP yêu cầu ở cổng thông tin: đã có hay còn thiếu.
cli-audit-long =
    Liệt kê những gì Nghị định 42/2022/NĐ-CP yêu cầu ở cổng thông tin: đã có hay còn thiếu.
    
    Mỗi mục của Điều 4 và Điều 7 một dòng: "có" (và ở đâu: một địa chỉ, một tệp, một khóa `site.yaml`) hoặc "thiếu" (và cần thêm gì), kèm điều và khoản.
cli-audit-root = Thư mục trang web (chứa `site.yaml` và `content/`) [mặc định: thư mục hiện tại].
cli-audit-strict = Thoát với mã 1 khi còn mục thiếu.
cli-new-about = Tạo bài mới với phần đầu (front matter) hợp lệ và ngày hôm nay (giờ Việt Nam).
cli-new-root = Thư mục trang web (chứa `site.yaml` và `content/`) [mặc định: thư mục hiện tại].
cli-new-path = Đường dẫn của tệp mới trong `content/`, ví dụ `tin-tuc/hoi-nghi-sipas.md`.
cli-new-title = Tiêu đề [mặc định: lấy từ tên tệp].
cli-new-index = Khóa của chỉ số (`par-index`, `papi`, `sipas`).
cli-new-area = Khóa lĩnh vực của chỉ số đó (một hoặc nhiều).
cli-init-about = Tạo một trang web xã mới, đầy đủ: ba bộ chỉ số với mọi lĩnh vực, `site.yaml` có chú thích, tệp CI và bài viết đầu tiên.
cli-init-dir = Thư mục sẽ tạo (phải trống hoặc chưa có).
cli-init-commune = Tên xã, ví dụ `--xa "Hòa Phú"` (hiện trong tiêu đề trang chủ).
cli-serve-about = Xem trước trang web: dựng trong bộ nhớ, phục vụ, dựng lại phần thay đổi và tải lại trình duyệt.
cli-serve-long =
    Xem trước trang web: dựng trong bộ nhớ, phục vụ, dựng lại phần thay đổi và tải lại trình duyệt.
    
    Theo dõi `content/`, `themes/` và `site.yaml`; sửa một bài thì bài đó và các trang hiện nó được dựng lại, các thẻ đang mở tự tải lại. Lỗi hiện trong cửa sổ dòng lệnh và phủ lên trang, trong khi bản dựng tốt gần nhất vẫn được phục vụ. Không ghi gì vào `output/`.
cli-serve-root = Thư mục trang web (chứa `site.yaml` và `content/`) [mặc định: thư mục hiện tại].
cli-serve-bind = Địa chỉ lắng nghe. Mặc định chỉ máy này xem được; địa chỉ khác (ví dụ 0.0.0.0) cho cả mạng xem bản xem trước [mặc định: 127.0.0.1].
cli-serve-port = Cổng lắng nghe (0: cổng trống bất kỳ) [mặc định: 1111].
cli-serve-drafts = Dựng cả bài nháp và bài có ngày trong tương lai.
cli-serve-open = Mở trang web trong trình duyệt mặc định.

## Mẫu giao diện (templates)

did-you-mean = có phải là `{ $name }`?
template-syntax-error = lỗi cú pháp trong mẫu giao diện: { $detail }
template-error = lỗi trong mẫu giao diện: { $detail }
template-missing-parent = mẫu giao diện kế thừa (extends) `{ $parent }`, mẫu này không có
template-not-found = không tìm thấy mẫu giao diện `{ $name }`
template-context-hint = xem các biến của mẫu giao diện trong hướng dẫn sử dụng (reference/template-context)
template-syntax-hint = xem cú pháp Tera 2: `{"{"}{"{"} value {"}"}{"}"}`, `{"{"}% if %{"}"}…{"{"}% endif %{"}"}`, `{"{"}% for x in list %{"}"}…{"{"}% endfor %{"}"}`
template-block-hint = mẫu con chỉ điền được các khối (block) mà mẫu cha (`{"{"}% extends %{"}"}`) khai báo; đổi tên khối hoặc thêm nó vào mẫu cha
template-unknown-hint =
    không có { $kind ->
        [filter] bộ lọc (filter)
        [function] hàm (function)
       *[other] phép thử (test)
    } nào tên này; xem các hàm trợ giúp của mẫu trong hướng dẫn sử dụng (reference/template-context) và các hàm có sẵn của Tera 2
limits-took-longer = chạy lâu hơn { $limit }
limits-wrote-more = ghi ra nhiều hơn { $limit }
limits-was-skipped = bị bỏ qua
limits-hint = một vòng lặp trong mẫu này (hoặc trong mẫu nó kế thừa hay chèn vào) chạy quá lâu hoặc in ra quá nhiều, ví dụ một `range()` lồng trong `range()` khác; hãy làm nhỏ lại (congxa dừng một trang sau { $time } hoặc { $bytes } kết quả: xem hướng dẫn sử dụng, reference/serve)
limits-skipped = các trang còn lại chưa dựng đã bị bỏ qua: mẫu `{ $template }` vượt giới hạn của congxa
limits-stopped = đã dừng dựng: nó { $what } (mẫu `{ $template }`)
limits-overdue = đã dừng dựng: nó chạy lâu hơn { $limit } (mẫu `{ $template }`) và không ngắt được
limits-overdue-hint = khi dựng { $what }; { $hint }
limits-bytes = { $n } byte
limits-check-took-longer = trang dựng lâu hơn { $limit } (giới hạn của congxa cho mỗi trang)
range-start-after-end = hàm `range` được gọi với `start` ({ $start }) lớn hơn `end` ({ $end }); đổi chỗ hai số hoặc thêm `step_by=-1`
range-step-zero = hàm `range` được gọi với `step_by=0`; bước phải khác 0
range-overflow = hàm `range` được gọi với số quá lớn
range-too-long = hàm `range` sẽ tạo { $len } số, quá giới hạn { $limit }
links-more-missing = liên kết này và { $n } liên kết khác trỏ tới trang hoặc tệp không có

## congxa new

new-summary-errors = { $n } lỗi — chưa tạo tệp nào.
new-cannot-serialize = không viết được phần đầu (front matter): { $error }
new-cannot-mkdir = không tạo được thư mục: { $error }
new-done = Đã tạo { $path }
new-cannot-write = không ghi được: { $error }
new-bad-place = không tạo được bài ở đây: { $reason }
new-inside-content-hint = ghi một đường dẫn trong `content/`, ví dụ `tin-tuc/hoi-nghi-sipas.md`
new-not-md = tên tệp của bài phải kết thúc bằng `.md`
new-not-md-hint = ví dụ `tin-tuc/hoi-nghi-sipas.md`
new-no-content = không đọc được thư mục `content/`: { $error }
new-no-content-hint = chạy lệnh trong thư mục của trang web, hoặc ghi `--root`
new-outside = đường dẫn này dẫn ra ngoài thư mục `content/` (qua một liên kết)
new-exists = tệp đã có
new-exists-hint = chọn một tên tệp khác
new-index-did-you-mean = có phải là `--index { $name }`?
new-no-indices = trang web chưa khai báo chỉ số nào (khối `index:` trong `content/<tên>/_index.md`)
new-indices-are = các chỉ số của trang web: { $list }
new-unknown-index = không có chỉ số `{ $name }`
new-area-of = `{ $area }` là lĩnh vực của chỉ số `{ $index }`: thêm `--index { $index }`
new-area-did-you-mean = có phải là `--area { $name }`?
new-index-first = ghi chỉ số trước: `--index <chỉ số> --area <lĩnh vực>`
new-areas-are = các lĩnh vực của chỉ số đã chọn: { $list }
new-unknown-area = không có lĩnh vực `{ $name }` trong chỉ số đã chọn

## Dòng lệnh: cách dùng (usage)

cli-usage = congxa [--lang vi|en] <LỆNH> [TÙY CHỌN]
cli-build-usage = congxa build [TÙY CHỌN]
cli-check-usage = congxa check [TÙY CHỌN]
cli-audit-usage = congxa audit [TÙY CHỌN]
cli-new-usage = congxa new [TÙY CHỌN] <ĐƯỜNG_DẪN>
cli-init-usage = congxa init [--xa <TÊN XÃ>] <THƯ_MỤC>
cli-serve-usage = congxa serve [TÙY CHỌN]

## Phần đầu bài, YAML (front matter)

empty = {""}
yaml-tab-indent = dòng này thụt vào bằng phím Tab; YAML chỉ nhận dấu cách
yaml-tab-indent-hint = xóa các ký tự Tab ở đầu dòng và thụt vào bằng dấu cách (hai dấu cách cho mỗi cấp; khóa chính như `date:` thì viết sát lề trái)
yaml-no-space = thiếu dấu cách sau `{ $key }:`
yaml-no-space-hint = viết một dấu cách sau dấu hai chấm: `{ $key }: { $value }`
yaml-key-belongs-under = `{ $key }` là khóa con của `{ $block }:`: viết nó dưới dòng `{ $block }:`, thụt vào hai dấu cách
yaml-unknown-key = khóa `{ $key }` không dùng được ở đây
yaml-unknown-key-in = khóa `{ $key }` không dùng được trong `{ $block }:`
yaml-unknown-key-did-you-mean = có phải là `{ $name }`? Các khóa dùng được ở đây: { $list }
yaml-unknown-key-hint = xóa dòng này hoặc sửa tên khóa; các khóa dùng được ở đây: { $list }
yaml-missing-key = thiếu khóa bắt buộc `{ $key }`
yaml-missing-key-hint = thêm một dòng `{ $key }: ...`
yaml-missing-key-in = thiếu khóa bắt buộc `{ $key }` trong `{ $block }:`
yaml-missing-key-in-hint = thêm một dòng `{ $key }: ...` trong `{ $block }:`
yaml-duplicate-key = khóa `{ $key }` được viết hai lần
yaml-duplicate-key-hint = mỗi khóa chỉ viết một lần: giữ một dòng, xóa dòng kia
yaml-invalid-value = giá trị của `{ $key }` không dùng được
yaml-check-value-hint = xem lại giá trị theo hướng dẫn của khóa này
yaml-colon-in-value = dấu hai chấm `:` nằm trong giá trị chưa đặt trong ngoặc kép
yaml-quote-hint = đặt cả giá trị trong ngoặc kép: `{ $line }`
yaml-tab = dòng này có ký tự Tab; YAML chỉ nhận dấu cách
yaml-tab-hint = thay Tab bằng dấu cách
yaml-no-colon = dòng này thiếu dấu hai chấm `:` sau tên khóa
yaml-no-colon-hint = viết `khóa: giá trị`, ví dụ `summary: Tóm tắt bài`
yaml-open-quote = dấu ngoặc kép mở ở đây chưa được đóng
yaml-open-quote-hint = thêm dấu ngoặc kép đóng ở cuối giá trị, trên cùng dòng
yaml-syntax = phần đầu bài (front matter) viết sai cú pháp ở đây
yaml-syntax-hint = mỗi dòng một khóa `khóa: giá trị`; đặt giá trị có `:` hoặc ` #` trong ngoặc kép; thụt vào bằng dấu cách, không dùng Tab; ngoặc `[` `]`, `{"{"}` `{"}"}` phải đủ cặp
yaml-not-taken = , không nhận `{ $value }`
yaml-the-value = giá trị
yaml-the-key = `{ $key }`
yaml-empty = { $name } để trống
yaml-empty-hint = viết giá trị sau `{ $key }:` (nếu giá trị bắt đầu bằng `#`, `[` hoặc `{"{"}`, đặt cả giá trị trong ngoặc kép), hoặc xóa dòng này
yaml-bool = { $name } chỉ nhận `true` hoặc `false`{ $written }
yaml-bool-hint = viết `{ $key }: true` (có) hoặc `{ $key }: false` (không)
yaml-integer = { $name } phải là một số nguyên{ $written }
yaml-integer-hint = viết chữ số, ví dụ `{ $key }: 3`
yaml-number = { $name } phải là một con số{ $written }
yaml-number-hint = viết chữ số, dùng dấu chấm cho phần thập phân: `{ $key }: 84.75`
yaml-list = { $name } phải là một danh sách{ $written }
yaml-list-hint = viết trong ngoặc vuông, ví dụ `{ $key }: [a, b]` (một mục cũng vậy: `{ $key }: [a]`)
yaml-scalar = { $name } phải là một giá trị viết liền, không phải danh sách hay nhóm khóa
yaml-scalar-hint = viết `{ $key }: giá trị` trên một dòng; nếu giá trị có `[`, `{"{"}` hoặc `:`, đặt cả giá trị trong ngoặc kép
yaml-map = { $name } phải là một nhóm khóa con, mỗi khóa một dòng
yaml-map-hint = viết `{ $key }:` rồi xuống dòng, mỗi khóa con thụt vào hai dấu cách (`  khóa: giá trị`); nếu thiếu dấu cách sau dấu hai chấm ở dòng nào, thêm vào
yaml-wrong-type = { $name } viết sai kiểu{ $written }

## Bài viết (pages)

field-title = tiêu đề
field-summary = tóm tắt
field-description = mô tả
warn-emptied-by-comment = cảnh báo: { $name } bị bỏ trống (YAML coi phần từ `#` trở đi là ghi chú)
warn-cut-by-comment = cảnh báo: { $name } bị cắt tại ` #`: chỉ còn `{ $kept }` (YAML coi phần từ ` #` trở đi là ghi chú)
warn-summary-colon = cảnh báo: tóm tắt kết thúc bằng dấu hai chấm `:`, như thể còn thiếu phần sau
warn-summary-colon-hint = viết trọn câu tóm tắt; nếu tóm tắt dài nhiều dòng hoặc có dấu `:` ở giữa, đặt cả tóm tắt trong ngoặc kép trên một dòng
warn-future-date = cảnh báo: bài có ngày trong tương lai nên chưa hiện trên trang; bài sẽ xuất hiện ngày { $date }
warn-future-date-hint = nếu gõ nhầm năm, sửa lại ngày; nếu muốn hẹn giờ đăng bài thì không cần làm gì
date-hint = viết ngày, tháng trước rồi đến năm: `{ $key }: 16/7/2024` hoặc `{ $key }: 16/07/2024` (hoặc `{ $key }: 2024-07-16`); muốn ghi giờ thì thêm sau một dấu cách: `{ $key }: 16/7/2024 08:30`
page-empty-slug = `{ $slug }` cho ra một đường dẫn (slug) rỗng
page-empty-slug-hint = dùng chữ cái hoặc chữ số trong tên tệp hoặc trong `slug:`
page-no-image-alt = có `image` nhưng thiếu `image_alt`
page-no-image-alt-hint = thêm `image_alt:` tả bức ảnh cho người khiếm thị, ví dụ `image_alt: Hội nghị tuyên truyền tại hội trường UBND xã`
page-bad-lang = không hỗ trợ ngôn ngữ `{ $lang }`
page-bad-lang-hint = dùng `lang: vi` hoặc `lang: en`
page-no-indices = trang web chưa khai báo chỉ số nào; thêm khối `index:` vào `content/<khóa>/_index.md`
page-known-indices = các chỉ số đã khai báo: { $list }
page-unknown-index = không có chỉ số `{ $key }`
page-area-of = `{ $key }` là lĩnh vực của chỉ số `{ $index }`: thêm `{ $index }` vào `indices`
page-index-first = ghi chỉ số của lĩnh vực vào `indices` trước
page-known-areas = các lĩnh vực của những chỉ số đã ghi: { $list }
page-unknown-area = không có lĩnh vực `{ $key }` trong các chỉ số đã ghi
page-document-issued = `document.issued`: { $error }
page-missing-file = không có tệp đính kèm `{ $file }`
page-missing-file-hint = đặt tệp cạnh `{ $rel }`
page-bad-effective = ngày `effective` không đúng: { $error }
page-bad-effective-hint = viết `effective: 16/07/2024` (ngày văn bản có hiệu lực)
alias-clean-hint = viết như `/tin-cu/ke-hoach/`
alias-outside = bí danh `{ $alias }` là địa chỉ bên ngoài, không phải đường dẫn cũ của trang này
alias-not-clean = bí danh `{ $alias }` không phải một đường dẫn sạch trong trang
alias-not-clean-why = bí danh `{ $alias }` không phải một đường dẫn sạch trong trang: { $why }
url-refused-scheme = `{ $field }` là `{ $value }`: địa chỉ `{ $scheme }:` không được đăng (nó có thể chạy mã hoặc mở tệp khi người đọc bấm vào)
url-protocol-relative = `{ $field }` là `{ $value }`: địa chỉ bắt đầu bằng `//` dẫn sang trang khác mà không nói bằng cách nào
url-refused-scheme-hint = viết địa chỉ web (`https://…`, `http://…`), địa chỉ `mailto:` hoặc `tel:`, hoặc đường dẫn trong trang (`tai-lieu/kh-93.pdf`, `/gioi-thieu/`)
url-protocol-relative-hint = viết đầy đủ địa chỉ với `https://`, hoặc đường dẫn trong trang với một dấu `/` (`/gioi-thieu/`)

## Biểu trưng (logo)

logo-outside = `logo` là `{ $logo }`: một địa chỉ bên ngoài trang
logo-outside-hint = đặt tệp biểu trưng vào `content/` và ghi đường dẫn từ đó, ví dụ `logo: logo-xa.png` (trang không được tải gì từ máy chủ khác)
logo-put-in-content-hint = đặt tệp biểu trưng vào `content/` và ghi đường dẫn từ đó, ví dụ `logo: logo-xa.png`
logo-leaves-content = `logo` là `{ $logo }`: một đường dẫn ra ngoài `content/`
logo-missing = không có biểu trưng `{ $logo }` trong `content/`
logo-missing-hint = đặt tệp biểu trưng vào `content/` (ví dụ `content/logo-xa.png`) và ghi đường dẫn từ đó: `logo: logo-xa.png`
logo-not-image-name = biểu trưng `{ $logo }` không phải tệp ảnh
logo-not-image-name-hint = dùng tệp ảnh có đuôi là một trong: { $extensions }
logo-unreadable = không đọc được biểu trưng `{ $logo }`: { $error }
logo-unreadable-hint = kiểm tra xem tệp có mở được không
logo-not-image = biểu trưng `{ $logo }` không phải ảnh: nội dung không phải PNG, JPEG, GIF, WebP, AVIF hay SVG
logo-not-image-hint = xuất lại biểu trưng dạng PNG hoặc SVG rồi thay tệp

## Ngày tháng (dates)

date-invalid = `{ $value }` không phải là ngày tháng hợp lệ
date-out-of-range = ngày `{ $value }` nằm ngoài khoảng cho phép
date-no-such-month = ngày `{ $value }` không có thật: không có tháng { $month } (tháng từ 1 đến 12)
date-bad-year = năm trong `{ $value }` không hợp lệ
date-no-such-day = ngày `{ $value }` không có thật: tháng { $month } năm { $year } chỉ có { $days } ngày
date-not-real = ngày `{ $value }` không có thật
date-no-such-time = giờ `{ $time }` trong `{ $value }` không có thật (giờ từ 00:00 đến 23:59)
date-bad-offset = `{ $value }` không phải là múi giờ dạng `+07:00`

## Cấu hình trang (site.yaml)

config-unreadable = không đọc được cấu hình trang: { $error }
config-unreadable-hint = `{ $root }` có phải là trang congxa không? `congxa init THƯ_MỤC` tạo một trang mới
not-utf8-at = tệp không phải UTF-8 (byte { $byte })
save-as-utf8-hint = lưu tệp dạng UTF-8
config-timezone-hint = Việt Nam: `timezone: "+07:00"`
config-base-url-hint = viết địa chỉ đầy đủ, ví dụ `https://hoaphu.example.gov.vn/`
config-base-url-scheme = base_url `{ $url }` phải bắt đầu bằng `https://` hoặc `http://`
config-base-url-host = base_url `{ $url }` không có tên máy chủ
config-paginate = `paginate` phải từ 1 trở lên

## Liên kết (links)

md-duplicate-heading-id = mã đề mục `#{ $id }` được dùng hai lần
md-duplicate-heading-id-hint = đặt cho mỗi `{"{"}#id{"}"}` trong một bài một tên khác nhau
link-missing = liên kết tới trang hoặc tệp không có: `{ $dest }`
link-target-excluded-hint = đích là bài nháp hoặc có ngày trong tương lai: nó không có trong bản dựng này
link-absolute-hint = liên kết tới địa chỉ của trang, ví dụ `/tin-tuc/`, hoặc tới tệp của nó, ví dụ `../tin-tuc/bai.md`
link-relative-hint = đường dẫn tính từ tệp này; kiểm tra chính tả, hoặc liên kết tới địa chỉ của trang, ví dụ `/tin-tuc/`
first-problems-only-hint = chỉ liệt kê những lỗi đầu tiên của một tệp; sửa rồi kiểm tra lại
anchor-missing = liên kết tới mục `#{ $anchor }` không có trong `{ $target }`
anchor-no-headings = `{ $target }` không có đề mục nào
anchor-headings-are = các đề mục trong `{ $target }`: { $list }
anchors-more-missing = liên kết này và { $n } liên kết khác trỏ tới mục không có
output-file-is-dir = tệp kết quả `{ $path }` cũng là thư mục của các tệp kết quả khác (`{ $path }/…`)
output-inside-file = tệp kết quả `{ $path }` sẽ nằm trong tệp kết quả `{ $dir }`
output-file-and-page-hint = một tệp (trong `content/` hoặc `static/` của giao diện) và một trang cần cùng một đường dẫn; đổi tên một trong hai
output-duplicate = tệp kết quả `{ $path }` bị trùng
output-duplicate-hint = một tệp tĩnh của giao diện và một tệp nội dung có cùng đường dẫn; đổi tên một trong hai

## Tệp nội dung (content files)

fm-missing = thiếu phần đầu bài (front matter): dòng đầu tiên của tệp phải là `---`
fm-missing-hint = mở đầu tệp bằng một dòng `---`, rồi `title: ...`, rồi một dòng `---` nữa để đóng lại
fm-unclosed = phần đầu bài (front matter) chưa được đóng: thiếu dòng `---` thứ hai
fm-unclosed-hint-before = thêm một dòng `---` ngay sau khóa cuối cùng của phần đầu bài (trước dòng { $line })
fm-unclosed-hint = thêm một dòng `---` ngay sau khóa cuối cùng của phần đầu bài
cannot-read = không đọc được: { $error }
load-no-content = trang web không có thư mục `content/`
load-no-content-hint = tạo `content/_index.md` cho trang chủ
load-link-loop = liên kết tượng trưng (symbolic link) trỏ vòng
load-link-loop-hint = xóa liên kết hoặc sửa quyền truy cập
load-link-outside = liên kết tượng trưng (symbolic link) trỏ ra ngoài trang web
load-link-outside-hint = chép tệp vào trong trang web thay vì liên kết tới nó; congxa không bao giờ đăng tệp nằm ngoài trang web
load-office-file = tệp này không phải bài viết Markdown mà là { $kind } bị đổi tên thành `.md`
load-office-file-hint = đổi lại đuôi tệp cho đúng rồi đính kèm nó vào một bài (khóa `document:` với `file:`), hoặc mở tệp bằng Word, chép chữ sang một tệp `.md` mới (bắt đầu bằng `---`, `title: ...`, `---`)
office-pdf = một tệp PDF (.pdf)
office-old = một tệp Word hoặc Excel đời cũ (.doc, .xls)
office-docx = một tệp Word (.docx)
office-xlsx = một tệp Excel (.xlsx)
office-pptx = một tệp PowerPoint (.pptx)
office-zip = một tệp nén (.zip, .docx, .xlsx hoặc .odt)
load-not-utf8 = tệp không phải UTF-8
load-not-utf8-hint = lưu tệp dạng UTF-8 (trong Notepad: File → Save as → Encoding: UTF-8)
name-not-a-name = `{ $name }` không phải tên tệp
name-not-plain = `{ $name }` không phải một tên tệp thông thường
name-rename-hint = đổi tên tệp
name-not-utf8 = tên tệp không phải UTF-8
name-not-utf8-hint = đổi tên tệp, dùng ký tự UTF-8
name-reserved = tên `{ $name }` có ký tự `{ $char }`
name-reserved-hint = đổi tên, bỏ các ký tự `\ < > : " | ? *` (Windows không nhận những tên như vậy, và `\` bị hiểu là dấu phân cách thư mục)
name-hidden = `{ $name }` là tên tệp ẩn
name-hidden-hint = đổi tên, bỏ dấu `.` ở đầu: tệp ẩn không bao giờ được đăng
name-control = tên `{ $name }` có ký tự điều khiển
name-control-hint = đổi tên, chỉ dùng chữ cái, chữ số, dấu cách và `-`
name-too-long = tên dài { $bytes } byte; hệ thống tệp chỉ nhận tối đa { $max }
name-too-long-hint = đặt cho tệp một tên ngắn hơn
name-folder-no-slug = tên thư mục `{ $name }` không cho ra địa chỉ nào: nó không có chữ cái hay chữ số
name-folder-no-slug-hint = đổi tên thư mục, dùng chữ cái hoặc chữ số, ví dụ `tin-tuc`

## YAML bị từ chối (refused YAML)

yaml-too-deep = ngoặc `[` và `{"{"}` lồng nhau quá { $max } tầng
yaml-too-deep-hint = phần đầu bài chỉ cần nhiều nhất là một danh sách trong một danh sách; kiểm tra lại các dấu ngoặc
yaml-control = một ký tự điều khiển ({ $code }) trong giá trị: các mã thoát YAML như `\e`, `\x1b`, `\0` hay `\u009b` tạo ra ký tự không hiển thị và không đọc lên được
yaml-control-hint = xóa mã thoát (escape) khỏi đoạn chữ trong ngoặc kép
yaml-aliases = bí danh YAML nở ra quá nhiều: nếu thay mỗi `*bí_danh` bằng giá trị mà `&mốc` của nó chỉ tới, văn bản sẽ tăng thêm hơn { $nodes } giá trị hoặc { $mib } MiB
yaml-aliases-at = bí danh YAML nở ra quá nhiều tại `{ $alias }`: nếu thay mỗi `*bí_danh` bằng giá trị mà `&mốc` của nó chỉ tới, văn bản sẽ tăng thêm hơn { $nodes } giá trị hoặc { $mib } MiB
yaml-aliases-hint = một bí danh (`*tên`) lặp lại giá trị được đánh mốc `&tên`; tệp của congxa không bao giờ cần đến: viết từng giá trị ra, hoặc xóa các bí danh

## Chỉ số, thẻ, bản dịch (indices, tags, translations)

index-on-home = trang chủ không thể là một bộ chỉ số
index-on-home-hint = chuyển khối `index:` sang `content/<khóa>/_index.md`, ví dụ `content/sipas/_index.md`
index-area-not-slug = khóa lĩnh vực `{ $key }` không phải dạng đường dẫn (slug)
index-area-not-slug-hint = dùng `{ $slug }`
index-area-twice = khóa lĩnh vực `{ $key }` được khai báo hai lần
index-score-no-source = điểm số năm { $year } không có nguồn
index-score-no-source-hint = mỗi điểm số cần `source:` ghi nơi đã công bố
tag-clash = thẻ `{ $tag }` và thẻ `{ $other }` (lần đầu ở `{ $first }`) sẽ cùng địa chỉ `{ $path }`
tag-clash-hint = viết thẻ giống nhau ở mọi nơi, hoặc đặt cho hai thẻ những tên khác nhau về chữ cái hay chữ số
tag-empty-slug = thẻ `{ $tag }` cho ra một đường dẫn (slug) rỗng
attachment-excluded = tệp đính kèm `{ $file }` thuộc một bài không có trong bản dựng này (bài nháp hoặc có ngày trong tương lai)
attachment-excluded-hint = chuyển tệp sang cạnh bài này, hoặc đăng bài mà tệp thuộc về
translation-not-page = bản dịch `{ $target }` không phải một bài
translation-not-page-hint = ghi đường dẫn của bài kia trong `content/`, ví dụ `translation: en/contact.md`
date-required = cần có `date`: mục `{ $section }` xếp bài theo ngày
date-required-hint = thêm `date: 16/07/2024`, hoặc đặt `sort_by: weight` hay `sort_by: title` trong `_index.md` của mục
menu-link-missing = `{ $key }:` trỏ tới `{ $url }`, nhưng trang web không có trang nào ở địa chỉ đó
menu-link-did-you-mean = có phải là `{ $name }`? Sửa `url:` cho đúng địa chỉ một trang của trang web
menu-link-missing-hint = sửa `url:` cho đúng địa chỉ một trang của trang web (ví dụ `/tin-tuc/`), hoặc xóa liên kết này

## Địa chỉ trùng (URL clashes)

what-output = kết quả `{ $path }`
what-register-page = một trang của danh mục văn bản
what-leaflet-of = tờ rơi của `{ $file }`
what-broadcast-of = bản tin phát thanh của `{ $file }`
what-section = mục `{ $dir }`
what-index-feed = nguồn tin của chỉ số `{ $index }`
what-area = lĩnh vực `{ $area }` của chỉ số `{ $index }`
what-file = `{ $file }`
what-alias-of = bí danh của `{ $file }`
what-tag = thẻ `{ $tag }`
what-asset = tệp `content/{ $file }`
what-another-output = một kết quả khác
what-tag-list = danh sách thẻ
what-register = danh mục văn bản
what-search = trang tìm kiếm
what-404 = trang 404
what-feed = nguồn tin của trang
what-sitemap = sơ đồ trang
what-robots = robots.txt
url-inside-file = địa chỉ `{ $path }` của { $what } sẽ nằm trong `{ $file_path }`, vốn là tệp `content/{ $file }`
url-inside-file-hint = đổi tên tệp, hoặc đặt cho bài một `slug:` (hoặc tên tệp) khác
url-duplicate = trùng địa chỉ (URL) `{ $path }`: { $what } và { $first } sẽ cùng được ghi vào đó
url-duplicate-hint = đổi `slug:` (hoặc tên tệp) của một trong hai
url-part-too-long = địa chỉ của { $what } có một phần dài { $bytes } byte (`{ $start }…`); hệ thống tệp chỉ nhận tối đa { $max } byte cho mỗi tên
url-part-too-long-hint = đặt `slug:` (hoặc tên tệp) ngắn hơn

## Giao diện (themes)

theme-extends-itself = giao diện `{ $theme }` kế thừa chính nó qua `extends:`
theme-missing-template = giao diện `{ $theme }` không có mẫu `{ $template }`
theme-missing-template-hint = thêm mẫu đó, hoặc ghi `extends: default` trong `theme.yaml` của giao diện
theme-missing = không có giao diện `{ $theme }`: không có thư mục `themes/{ $theme }/`
theme-missing-hint = tạo `themes/<tên>/templates/`, hoặc dùng `theme: default`
theme-template-not-utf8 = mẫu giao diện không phải văn bản UTF-8 đọc được

## Kiểm tra theo Nghị định 42 (congxa audit)

audit-cite-point = Điều { $article } khoản { $clause } điểm { $point }
audit-cite = Điều { $article } khoản { $clause }
audit-item-documents = Văn bản quy phạm pháp luật, văn bản quản lý hành chính: hình thức, cơ quan ban hành, số ký hiệu, ngày ban hành, ngày hiệu lực, trích yếu, tệp tải về
audit-item-document-search = Công cụ tìm kiếm văn bản
audit-item-procedures = Thủ tục hành chính, dịch vụ công trực tuyến (liên kết Cổng Dịch vụ công quốc gia)
audit-item-functions = Chức năng, nhiệm vụ, quyền hạn của cơ quan
audit-item-structure = Cơ cấu tổ chức, sơ đồ tổ chức
audit-item-agency-contacts = Địa chỉ, số điện thoại, thư điện tử của cơ quan
audit-item-focal-points = Họ tên, chức vụ, đơn vị công tác, số điện thoại, thư điện tử chính thức của cán bộ, công chức làm đầu mối liên hệ
audit-item-search = Tra cứu, tìm kiếm thông tin đầy đủ, chính xác
audit-item-links = Liên kết đến cổng thông tin điện tử của cơ quan nhà nước khác có liên quan
audit-item-print = In ấn và lưu trữ cho mỗi tin, bài
audit-item-english-organisation = Tiếng Anh: cơ cấu tổ chức, chức năng, nhiệm vụ, quyền hạn
audit-item-english-contacts = Tiếng Anh: thông tin liên hệ của cán bộ, công chức có thẩm quyền
audit-provided = có
audit-missing = thiếu
audit-summary = Nghị định 42/2022/NĐ-CP: { $provided } / { $n } mục đã có, { $gaps } mục còn thiếu.
audit-register = danh mục { $path } ({ $n } văn bản)
audit-add = thêm { $keys }
audit-and = {" và "}
audit-english-contact-page = viết trang tiếng Anh content/en/contact.md (`lang: en`, tên tệp `{ $slug }`, `translation: lien-he.md`): các đầu mối trong `contacts:` hiện trên trang này
audit-empty-or-updating = (trống hoặc đang cập nhật)
audit-lacks = chưa có { $keys }
audit-links-count = { $n } liên kết
audit-documents-1 = chưa có văn bản nào: đăng văn bản bằng một bài có khối `document:` (number, issued, issuer, type, effective, file; `excerpt` nếu trích yếu khác tiêu đề)
audit-documents-2 = `effective:` (ngày hiệu lực)
audit-documents-3 = `file:` (tệp văn bản)
audit-document-search-1 = có sẵn khi có văn bản đầu tiên (ô tìm văn bản và trang lọc theo loại, theo năm tại /van-ban/)
audit-document-search-2 = /van-ban/ (ô tìm theo số hiệu, trích yếu, cơ quan ban hành; lọc theo loại /van-ban/loai/…, theo năm /van-ban/nam/…)
audit-procedures-1 = viết trang hướng dẫn thủ tục hành chính (tiêu đề có “thủ tục hành chính”), ví dụ content/huong-dan/huong-dan-thu-tuc-hanh-chinh.md
audit-procedures-2 = thêm vào `links:` trong site.yaml: `{"{"}title: Cổng Dịch vụ công quốc gia, url: https://dichvucong.gov.vn{"}"}`
audit-functions-1 = viết trang có tiêu đề “Chức năng, nhiệm vụ …”, ví dụ content/gioi-thieu/chuc-nang-nhiem-vu.md
audit-structure-1 = viết trang có tiêu đề “Cơ cấu tổ chức …” (kèm sơ đồ), ví dụ content/gioi-thieu/co-cau-to-chuc.md
audit-agency-contacts-1 = site.yaml: organization (chân mọi trang)
audit-contact-gaps-1 = thêm `contacts:` vào site.yaml: `- {"{"}name: …, position: …, unit: …, phone: …, email: …{"}"}`
audit-focal-points-1 = viết trang liên hệ content/lien-he.md (các đầu mối hiện trên trang này)
audit-search-1 = /tim-kiem/ (tìm có dấu và không dấu, ô tìm ở đầu mọi trang)
audit-links-1 = thêm `links:` vào site.yaml: cổng thông tin của các cơ quan nhà nước liên quan (huyện, tỉnh, Cổng Dịch vụ công quốc gia)
audit-print-1 = tờ in A4 của mỗi bài tại /…/in/ và kiểu in của mọi trang; mỗi bài có địa chỉ cố định, trong sitemap.xml và atom.xml
audit-english-organisation-1 = viết trang tiếng Anh (`lang: en`) về tổ chức, chức năng, nhiệm vụ, ví dụ content/en/about.md với `translation: gioi-thieu/chuc-nang-nhiem-vu.md`

## Thư mục kết quả (output)

output-dir-hint = dùng `--output output` (mặc định) hoặc một thư mục trống khác
output-dir-is-root = thư mục kết quả là thư mục gốc của trang web; dựng trang sẽ thay mất trang web
output-dir-holds-site = thư mục kết quả chứa trang web; dựng trang sẽ thay mất nó
output-dir-inside = thư mục kết quả nằm trong `{ $dir }/`
output-dir-is-file = đường dẫn kết quả là một tệp
output-dir-foreign = thư mục kết quả không trống và không do congxa tạo ra
output-dir-foreign-hint = congxa chỉ thay những thư mục có tệp `{ $marker }` của nó; hãy làm trống thư mục hoặc chọn `--output` khác
write-cannot-mkdir = không tạo được thư mục: { $error }
write-refused = từ chối ghi: { $why }
write-refused-hint = đổi tên tệp nội dung hoặc tệp giao diện sinh ra kết quả này; congxa chỉ ghi bên trong thư mục kết quả
write-cannot-write = không ghi được tệp kết quả: { $error }
write-cannot-swap = không thay được thư mục kết quả: { $error }
write-cannot-open-lock = không mở được tệp khóa: { $error }
write-cannot-lock = không khóa được: { $error }

## Lỗi của congxa (bugs)

bug-in-file = lỗi nội bộ khi xử lý tệp này: { $detail }
bug-in-file-hint = đây là lỗi của congxa, không phải của trang web: hãy báo lỗi, kèm tệp này và lệnh đã chạy
bug-panic-in-file =
    lỗi nội bộ khi xử lý { $file }: { $detail } (tại { $location })
    Đây là lỗi của congxa, không phải của trang web. Hãy báo lỗi, kèm lệnh đã chạy và tệp đó.
bug-panic =
    lỗi nội bộ: { $detail } (tại { $location })
    Đây là lỗi của congxa, không phải của trang web. Hãy báo lỗi, kèm lệnh đã chạy.

## Trang đang dựng (what was being rendered)

what-home = trang chủ
what-page = { $path } ({ $file })
what-section-page = mục { $path }
what-index-page = chỉ số { $path }
what-area-page = lĩnh vực { $path }
what-tag-page = thẻ { $path }
what-alias-page = bí danh { $path }
what-card = thẻ bài của { $path } ({ $file })
what-register-filter = trang danh mục văn bản { $path }
what-broadcast = bản tin phát thanh { $path }
what-leaflet = tờ rơi { $path } ({ $file })

## Tờ rơi, bí danh (leaflets, aliases)

alias-is-home = đó là trang chủ
alias-empty-part = có một phần rỗng hoặc bắt đầu bằng `.`
alias-bad-char = có `\`, `?`, `#`, `:` hoặc ký tự điều khiển
alias-part-too-long = có một phần dài hơn mức một tên tệp cho phép
leaflet-qr-too-long = mã QR của tờ rơi không chứa nổi địa chỉ của bài ({ $bytes } byte): { $error }
leaflet-qr-too-long-hint = đặt cho bài `slug:` (hoặc tên tệp) ngắn hơn, hoặc rút ngắn `base_url` trong site.yaml
leaflet-qr-failed = không tạo được mã QR của tờ rơi cho địa chỉ `{ $url }`

## Ảnh (images)

image-missing = không có ảnh `{ $image }`
image-missing-hint = đặt ảnh cạnh bài viết (hoặc trong một thư mục bài `<tên>/index.md`) và ghi tên tệp ảnh
photo-problem = ảnh `{ $path }`: { $problem }
photo-heif = ảnh HEIC/HEIF không đăng lên trang được (trình duyệt không hiển thị loại ảnh này)
photo-heif-hint = xuất ảnh ra JPEG rồi ghi tên tệp .jpg: trên iPhone, vào Cài đặt > Camera > Định dạng > “Tương thích nhất” để ảnh chụp sau này là JPEG; gửi ảnh qua Zalo hoặc thư điện tử cũng được ảnh JPEG; trên máy tính, mở ảnh rồi chọn “Xuất/Export” ra JPEG
photo-corrupt = ảnh bị cắt cụt hoặc bị hỏng ({ $detail })
photo-corrupt-hint = chép lại ảnh từ điện thoại hoặc máy ảnh (lần tải về hoặc chép trước bị ngắt giữa chừng), hoặc xuất lại ảnh ra JPEG
photo-corrupt-empty = tệp rỗng
photo-corrupt-no-pixels = ảnh không ghi điểm ảnh nào
photo-corrupt-header-cut = tệp dừng ngay trong phần đầu ảnh
photo-corrupt-data-cut = dữ liệu ảnh bị thiếu phần cuối
photo-corrupt-no-frame = không có khung hình nào
photo-corrupt-few-pixels = ít điểm ảnh hơn số ảnh khai báo
photo-unknown-format = tệp này không phải ảnh mà congxa đọc được
photo-unknown-format-hint = đăng ảnh dạng JPEG, PNG, WebP hoặc GIF (hình vẽ SVG thì giữ nguyên, trang hiển thị như vậy)
photo-too-many-pixels = ảnh khai báo { $width }x{ $height } điểm ảnh ({ $megapixels } megapixel); congxa chỉ đọc ảnh tối đa { $max } megapixel
photo-too-many-pixels-hint = thu nhỏ ảnh (trang web không bao giờ hiển thị rộng quá 1600 điểm ảnh) rồi xuất lại ra JPEG
photo-too-tall = ảnh có { $width }x{ $height } điểm ảnh: bản rộng { $vwidth } điểm ảnh sẽ cao { $vheight } điểm ảnh, quá cỡ một ảnh trên web
photo-too-tall-hint = cắt ảnh về khổ thường gặp (ảnh điện thoại là 4:3 hoặc 16:9) rồi xuất lại
photo-unreadable = không đọc được ảnh: { $error }
photo-unreadable-hint = kiểm tra tệp ảnh còn đó và mở được
photo-cache-write = không ghi được bộ nhớ đệm ảnh `{ $dir }`: { $error }
photo-cache-write-hint = kiểm tra thư mục trang web có ghi được không (hoặc xóa thư mục `.congxa-cache/`)
photo-encode-failed = không mã hóa được ảnh: { $error }
photo-bug-hint = đây là lỗi của congxa, không phải của trang web: hãy báo lỗi, kèm tệp ảnh này
gallery-photo-missing = không có ảnh `{ $file }` của thư viện ảnh (`gallery:`)
gallery-photo-missing-hint = đặt ảnh (JPEG, PNG, WebP hoặc GIF) cạnh bài viết, hoặc trong thư mục bài `<tên>/index.md`, rồi ghi tên tệp ảnh
gallery-no-alt = ảnh `{ $file }` của thư viện ảnh (`gallery:`) chưa có `alt`
gallery-no-alt-hint = thêm `alt:` nói ảnh chụp gì, cho người khiếm thị và cho lúc ảnh không tải được, ví dụ `alt: Đường bê tông thôn 3 sau khi hoàn thành`
image-path-spaces = đường dẫn ảnh `{ $path }` có dấu cách nên Markdown không coi là ảnh (trang sẽ hiện ra chữ)
image-path-spaces-hint = đổi tên tệp cho không còn dấu cách (ví dụ `{ $renamed }`), hoặc viết đường dẫn trong dấu nhọn: `![...](<{ $path }>)`
image-path-windows = đường dẫn ảnh `{ $path }` là một chỗ trên một máy tính, không phải tệp của trang web
image-path-windows-hint = chép ảnh vào cạnh bài viết này (hoặc vào thư mục bài `<tên>/index.md`) rồi ghi tên tệp: `![...]({ $name })`
raw-img-no-alt = thẻ `<img>` của ảnh `{ $path }` chưa có `alt`
raw-img-no-alt-hint = thêm `alt="..."` nói ảnh chụp gì, cho người khiếm thị và cho lúc ảnh không tải được (`alt=""` nếu ảnh chỉ để trang trí), hoặc viết ảnh bằng Markdown: `![mô tả]({ $path })`
raw-img-missing = thẻ `<img>` chỉ tới ảnh `{ $path }` nhưng không có tệp ảnh này
raw-img-missing-hint = đường dẫn tính từ tệp này; kiểm tra tên tệp (chữ hoa, chữ thường, dấu) và chép ảnh vào cạnh bài viết
raw-img-srcset = `srcset` của thẻ `<{ $tag }>` chỉ tới ảnh `{ $path }` của trang: ảnh gốc không được đăng nên trang sẽ hiện ảnh hỏng
raw-img-markdown-hint = viết ảnh bằng Markdown: `![mô tả]({ $path })`, hoặc bằng `<img src="{ $path }" alt="mô tả">` không có `srcset`: congxa tự làm các cỡ ảnh
images-widths = `images.widths` phải là danh sách độ rộng từ { $min } đến { $max } điểm ảnh
images-widths-hint = ví dụ `widths: [480, 960, 1600]` (mặc định)
images-quality = `images.quality` phải từ 1 đến 100
images-quality-hint = 80 (mặc định) giữ ảnh rõ nét mà tệp chỉ còn khoảng một phần tư dung lượng

## Trang biên tập (admin:)

admin-repo = `admin.repo` là `{ $value }`, không có dạng `chủ/tên`
admin-repo-hint = viết kho mã như trên trang web của nó: `ten-to-chuc/ten-kho` (GitLab: `nhom/nhom-con/ten`)
admin-branch = `admin.branch` là `{ $value }`, không phải tên nhánh
admin-branch-hint = nhánh dùng để dựng trang, thường là `main`
admin-script = `admin.script` là `{ $value }`: cần một địa chỉ `https://` hoặc một đường dẫn của trang này (`/decap-cms.js`)
admin-script-hint = bỏ dòng này để tải Decap CMS từ `{ $default }`
admin-url = `admin.{ $key }` là `{ $value }`, không phải địa chỉ `https://`
admin-url-hint = địa chỉ của máy chủ Git, ví dụ `https://git.example.gov.vn`
admin-app-id = `admin.app_id` để trống hoặc có dấu cách
admin-app-id-hint = chép Application ID (Client ID) của ứng dụng OAuth

## Dòng lệnh: dùng sai (usage errors)

usage-unknown-argument = lỗi: không có tùy chọn `{ $arg }`
usage-unknown-command = lỗi: không có lệnh `{ $name }`
usage-invalid-value = lỗi: `{ $value }` không dùng được cho `{ $arg }`
usage-missing-argument = lỗi: thiếu `{ $arg }`
usage-other = lỗi: dòng lệnh viết chưa đúng
usage-hint = xem `congxa --help`, hoặc `congxa <lệnh> --help`

## Đường dẫn kết quả (output paths)

out-path-empty = đường dẫn kết quả rỗng
out-path-absolute = đường dẫn kết quả `{ $path }` là đường dẫn tuyệt đối
out-path-dots = đường dẫn kết quả `{ $path }` có một phần rỗng, `.` hoặc `..`
out-path-chars = đường dẫn kết quả `{ $path }` có `\`, `:` hoặc ký tự điều khiển
out-path-too-long = một tên trong đường dẫn kết quả `{ $path }…` dài { $bytes } byte; hệ thống tệp chỉ nhận tối đa { $max }
out-path-marker = đường dẫn kết quả `{ $path }` là tệp đánh dấu của chính congxa
theme-file-not-utf8 = tệp giao diện không phải văn bản UTF-8 đọc được
