//! The one edit congxa makes to a WebP file's container: adding the source's
//! ICC colour profile (an `ICCP` chunk, announced by a `VP8X` header), so a
//! wide-gamut phone photo (Display P3) keeps its colours. libwebp's simple
//! encoder writes no profile, and its mux library is reachable only through
//! unsafe FFI; the RIFF layout is fixed by the WebP container specification.

/// `webp` (as libwebp's simple encoder writes it) with `icc` added; `webp`
/// unchanged when it is not a layout this understands.
pub fn with_icc(webp: Vec<u8>, icc: &[u8], width: u32, height: u32) -> Vec<u8> {
    if icc.is_empty()
        || webp.len() < 20
        || &webp[..4] != b"RIFF"
        || &webp[8..12] != b"WEBP"
        || width == 0
        || height == 0
    {
        return webp;
    }
    let chunk = |fourcc: &[u8], payload: &[u8]| -> Vec<u8> {
        let mut c = Vec::with_capacity(payload.len() + 9);
        c.extend_from_slice(fourcc);
        c.extend_from_slice(&(payload.len() as u32).to_le_bytes());
        c.extend_from_slice(payload);
        if payload.len() % 2 == 1 {
            c.push(0);
        }
        c
    };
    let iccp = chunk(b"ICCP", icc);
    let body = &webp[12..];
    let mut out_body = Vec::with_capacity(body.len() + iccp.len() + 18);
    if &body[..4] == b"VP8X" {
        // Extended already (alpha): set the ICC flag, put ICCP right after VP8X.
        let Some(vp8x) = body.get(..18) else {
            return webp;
        };
        let mut vp8x = vp8x.to_vec();
        vp8x[8] |= 0x20;
        out_body.extend_from_slice(&vp8x);
        out_body.extend_from_slice(&iccp);
        out_body.extend_from_slice(&body[18..]);
    } else if &body[..4] == b"VP8 " || &body[..4] == b"VP8L" {
        let mut payload = [0u8; 10];
        payload[0] = 0x20;
        payload[4..7].copy_from_slice(&(width - 1).to_le_bytes()[..3]);
        payload[7..10].copy_from_slice(&(height - 1).to_le_bytes()[..3]);
        out_body.extend_from_slice(&chunk(b"VP8X", &payload));
        out_body.extend_from_slice(&iccp);
        out_body.extend_from_slice(body);
    } else {
        return webp;
    }
    let mut out = Vec::with_capacity(out_body.len() + 12);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&((out_body.len() + 4) as u32).to_le_bytes());
    out.extend_from_slice(b"WEBP");
    out.extend_from_slice(&out_body);
    out
}
