use crate::error::SkuProblem;
use crate::url_key::format_url_key;
use crate::{CatalogError, Sku, StoreCode};

#[test]
fn skus_are_trimmed_and_limited_to_64_characters() {
    assert_eq!(
        Sku::try_from("  24-MB01 ").map(|s| s.to_string()).ok(),
        Some("24-MB01".into())
    );
    assert!(Sku::try_from("é".repeat(64).as_str()).is_ok());
    assert!(matches!(
        Sku::try_from("x".repeat(65).as_str()),
        Err(CatalogError::InvalidSku {
            problem: SkuProblem::TooLong,
            ..
        })
    ));
    assert!(matches!(
        Sku::try_from("   "),
        Err(CatalogError::InvalidSku {
            problem: SkuProblem::Empty,
            ..
        })
    ));
}

#[test]
fn store_codes_follow_the_store_code_validator() {
    for ok in ["default", "Default", "fr_ca", "b2b2"] {
        assert!(StoreCode::try_from(ok).is_ok(), "{ok}");
    }
    for bad in ["", "1st", "_x", "fr-ca", "café", "a b"] {
        assert!(
            matches!(StoreCode::try_from(bad), Err(CatalogError::InvalidCode(_))),
            "{bad}"
        );
    }
}

#[test]
fn url_keys_are_formatted_like_translit_url() {
    let cases = [
        ("Joust Duffle Bag", "joust-duffle-bag"),
        (
            "Pursuit Lumaflex&trade; Tone Band",
            "pursuit-lumaflex-trade-tone-band",
        ),
        ("Go-Get'r Pushup Grips", "go-get-r-pushup-grips"),
        ("Hoodies & Sweatshirts", "hoodies-sweatshirts"),
        ("Salt &amp; Pepper", "salt-and-pepper"),
        ("  Crème Brûlée @ Café™ ", "creme-brulee-at-cafetm"),
        ("Mach Street Sweatshirt ", "mach-street-sweatshirt"),
        ("---", ""),
    ];
    for (name, key) in cases {
        assert_eq!(format_url_key(name), key, "{name}");
    }
}
