use super::*;
use crate::tests::with_store;

#[track_caller]
fn check(password: &str, expected: Option<(&str, &str)>) {
    let got = with_store(|c| Ok(check_password_strength(c, password).err()));
    let got = got.map(|e| (e.message.to_string(), format!("{:?}", e.params)));
    let expected = expected.map(|(m, p)| (m.to_string(), p.to_string()));
    assert_eq!(got, expected, "{password:?}");
}

/// app/code/Magento/Customer/Model/AccountManagement.php `checkPasswordStrength`: length
/// first, then spaces, then classes; `%1` from config (a string) or the constant (an int).
#[test]
fn password_strength_order_and_parameters() {
    use messages::*;
    check("Secret-123", None);
    check("abcDEF12", None);
    check(
        "Ab1",
        Some((PASSWORD_TOO_SHORT, r#"Positional([String("8")])"#)),
    );
    check(
        " Ab1",
        Some((PASSWORD_TOO_SHORT, r#"Positional([String("8")])"#)),
    );
    check(" Abcdef12", Some((PASSWORD_SPACES, "None")));
    check(
        "abcdefgh",
        Some((PASSWORD_CLASSES, r#"Positional([String("3")])"#)),
    );
    check("äöüäöüäöü1A", None);
    check(
        &"a".repeat(257),
        Some((PASSWORD_TOO_LONG, "Positional([Number(256)])")),
    );
}
