//! URL keys, as `Magento\Catalog\Model\Product::formatUrlKey` makes them with
//! `Magento\Framework\Filter\TranslitUrl`: transliterate, replace every run of characters other
//! than `[0-9a-z]` (case-insensitively) by `-`, lower-case, trim `-`. So
//! "Pursuit Lumaflex&trade; Tone Band" becomes `pursuit-lumaflex-trade-tone-band`.
//!
//! The transliteration table is the Latin part of `Magento\Framework\Filter\Translit`
//! (`&amp;` → `and`, `@` → `at`, `©`, `®`, `™`, and accented Latin letters); characters of other
//! scripts, which Magento transliterates too, become separators here.

/// The URL key Magento derives from `text` (a product or category name, or a given key).
pub fn format_url_key(text: &str) -> String {
    let transliterated = transliterate(text);
    let mut out = String::with_capacity(transliterated.len());
    let mut pending_dash = false;
    for c in transliterated.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    out
}

fn transliterate(text: &str) -> String {
    // `&amp;` first: it is the only multi-character entry, and strtr prefers the longest match.
    let text = text.replace("&amp;", "and");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match latin(c) {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
    }
    out
}

fn latin(c: char) -> Option<&'static str> {
    Some(match c {
        '@' => "at",
        '©' => "c",
        '®' => "r",
        '™' => "tm",
        'À' | 'Á' | 'Â' | 'Ä' | 'Å' | 'à' | 'á' | 'â' | 'ä' | 'å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą'
        | 'ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Ĉ' | 'ĉ' | 'Ċ' | 'ċ' | 'Č' | 'č' => "c",
        'Ď' | 'ď' | 'Đ' | 'đ' => "d",
        'È' | 'É' | 'Ë' | 'è' | 'é' | 'ê' | 'ë' | 'Ē' | 'ē' | 'Ĕ' | 'ĕ' | 'Ė' | 'ė' | 'Ę' | 'ę'
        | 'Ě' | 'ě' => "e",
        'Ĝ' | 'ĝ' | 'Ğ' | 'ğ' | 'Ġ' | 'ġ' | 'Ģ' | 'ģ' => "g",
        'Ĥ' | 'ĥ' | 'Ħ' | 'ħ' => "h",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'ì' | 'í' | 'î' | 'ï' | 'Ĩ' | 'ĩ' | 'Ī' | 'ī' | 'Ĭ' | 'ĭ' | 'Į'
        | 'į' | 'İ' | 'ı' => "i",
        'Ĳ' | 'ĳ' => "ij",
        'Ĵ' | 'ĵ' => "j",
        'Ķ' | 'ķ' | 'ĸ' => "k",
        'Ĺ' | 'ĺ' | 'Ļ' | 'ļ' | 'Ľ' | 'ľ' | 'Ŀ' | 'ŀ' | 'Ł' | 'ł' => "l",
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ņ' | 'ņ' | 'Ň' | 'ň' | 'ŉ' | 'Ŋ' | 'ŋ' => "n",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ō' | 'ō' | 'Ŏ'
        | 'ŏ' | 'Ő' | 'ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ' | 'ŕ' | 'Ŗ' | 'ŗ' | 'Ř' | 'ř' => "r",
        'Ś' | 'ś' | 'Ŝ' | 'ŝ' | 'Ş' | 'ş' | 'Š' | 'š' => "s",
        'ß' => "ss",
        'Ţ' | 'ţ' | 'Ť' | 'ť' | 'Ŧ' | 'ŧ' => "t",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'ù' | 'ú' | 'û' | 'ü' | 'Ũ' | 'ũ' | 'Ū' | 'ū' | 'Ŭ' | 'ŭ' | 'Ů'
        | 'ů' | 'Ű' | 'ű' | 'Ų' | 'ų' => "u",
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'ý' | 'ÿ' | 'Ŷ' | 'ŷ' | 'Ÿ' => "y",
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' | 'ſ' => "z",
        'þ' => "p",
        _ => return None,
    })
}
