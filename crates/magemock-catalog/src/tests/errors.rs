use magemock_core::{ExceptionKind, MagentoError, Params, ToMagentoError};

use crate::error::{CatalogError, Existing, SkuProblem, messages};

#[test]
fn each_failure_is_the_magento_exception_it_stands_for() {
    let cases: Vec<(CatalogError, ExceptionKind, String)> = vec![
        (
            CatalogError::InvalidSku {
                value: String::new(),
                problem: SkuProblem::Empty,
            },
            ExceptionKind::Input,
            "The \"sku\" attribute value is empty. Set the attribute and try again.".into(),
        ),
        (
            CatalogError::InvalidSku {
                value: "x".into(),
                problem: SkuProblem::TooLong,
            },
            ExceptionKind::Input,
            "SKU length should be 64 characters maximum.".into(),
        ),
        (
            CatalogError::AlreadyExists(Existing::Store("default".into())),
            ExceptionKind::Input,
            "Store with the same code already exists.".into(),
        ),
        (
            CatalogError::AlreadyExists(Existing::CustomerEmail("a@b.c".into())),
            ExceptionKind::Input,
            messages::DUPLICATE_CUSTOMER_EMAIL.into(),
        ),
        (
            CatalogError::NoSuchEntity {
                what: "category",
                field: "id",
                value: "99".into(),
            },
            ExceptionKind::NoSuchEntity,
            "No such entity with id = 99".into(),
        ),
        (
            CatalogError::InvalidValue {
                field: "visibility".into(),
                value: "5".into(),
                reason: "1-4".into(),
            },
            ExceptionKind::Input,
            "Invalid value of \"5\" provided for the visibility field.".into(),
        ),
        (
            CatalogError::Sqlite(rusqlite::Error::QueryReturnedNoRows),
            ExceptionKind::Internal,
            "Internal Error. (sqlite: Query returned no rows)".into(),
        ),
    ];
    for (error, kind, rendered) in cases {
        let magento: MagentoError = error.to_magento();
        assert_eq!(magento.kind, kind, "{error}");
        assert_eq!(magento.to_string(), rendered, "{error}");
    }
}

#[test]
fn a_store_code_error_has_no_parameters() {
    let magento = CatalogError::InvalidCode("1st".into()).to_magento();
    assert_eq!(magento.params, Params::None);
    assert_eq!(magento.message, messages::INVALID_STORE_CODE);
}
