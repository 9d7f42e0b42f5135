//! The EXIF block a phone writes into its photos, made by hand (TIFF,
//! little-endian): shared by the photo tests and `examples/gen_photos.rs`
//! (which includes this file by path).

pub const MODEL: &str = "PhoneCam X1 Pro";
pub const ARTIST: &str = "Nguyen Van Chup";

/// An EXIF block (TIFF, little-endian) with a camera model, an artist, an
/// orientation and a GPS position, as a phone writes them.
pub fn exif(orientation: u16) -> Vec<u8> {
    let model = format!("{MODEL}\0");
    let artist = format!("{ARTIST}\0");
    // Layout: header (8), IFD0 (2 + 4*12 + 4 = 54), GPS IFD (2 + 2*12 + 4 = 30),
    // then the values: model, artist, latitude (3 rationals).
    let ifd0 = 8u32;
    let gps_ifd = ifd0 + 54;
    let model_at = gps_ifd + 30;
    let artist_at = model_at + model.len() as u32;
    let lat_at = artist_at + artist.len() as u32;
    let mut t = b"II*\0".to_vec();
    t.extend(ifd0.to_le_bytes());
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        t.extend(tag.to_le_bytes());
        t.extend(kind.to_le_bytes());
        t.extend(count.to_le_bytes());
        t.extend(value);
    };
    t.extend(4u16.to_le_bytes());
    entry(
        &mut t,
        0x0110,
        2,
        model.len() as u32,
        model_at.to_le_bytes(),
    );
    let o = orientation.to_le_bytes();
    entry(&mut t, 0x0112, 3, 1, [o[0], o[1], 0, 0]);
    entry(
        &mut t,
        0x013B,
        2,
        artist.len() as u32,
        artist_at.to_le_bytes(),
    );
    entry(&mut t, 0x8825, 4, 1, gps_ifd.to_le_bytes());
    t.extend(0u32.to_le_bytes());
    t.extend(2u16.to_le_bytes());
    entry(&mut t, 0x0001, 2, 2, *b"N\0\0\0");
    entry(&mut t, 0x0002, 5, 3, lat_at.to_le_bytes());
    t.extend(0u32.to_le_bytes());
    t.extend(model.as_bytes());
    t.extend(artist.as_bytes());
    for (n, d) in [(15u32, 1u32), (52, 1), (1234, 100)] {
        t.extend(n.to_le_bytes());
        t.extend(d.to_le_bytes());
    }
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(t);
    app1
}
