use super::ready_url;
use crate::Error;

#[track_caller]
fn check(stdout: &str, expected: Option<&str>) {
    let got = ready_url(stdout.as_bytes());
    match (got, expected) {
        (Ok(url), Some(want)) => assert_eq!(url, want),
        (Err(Error::Start(why)), None) => {
            assert!(why.to_string().contains("magemock listening on"), "{why}")
        }
        (got, want) => panic!("{got:?}, expected {want:?}"),
    }
}

#[test]
fn the_ready_line_gives_the_url() {
    check(
        "magemock listening on http://127.0.0.1:41234\n",
        Some("http://127.0.0.1:41234"),
    );
    check(
        "magemock listening on http://0.0.0.0:8080\n",
        Some("http://127.0.0.1:8080"),
    );
    check(
        "magemock listening on http://[::]:8080\r\n",
        Some("http://[::1]:8080"),
    );
    check("starting\n", None);
    check("", None);
}
