use super::*;

fn at(s: &str) -> DateTime<Utc> {
    parse_instant(s).expect("valid instant")
}

#[test]
fn frozen_clock_stands_still_and_advances_exactly() {
    let clock = Clock::frozen(at("2026-01-01 00:00:00"));
    assert_eq!(clock.now_db(), "2026-01-01 00:00:00");
    clock.advance(TimeDelta::seconds(3601));
    assert_eq!(clock.now_db(), "2026-01-01 01:00:01");
    assert_eq!(clock.unix(), 1_767_229_201);
}

#[test]
fn set_keeps_the_mode_and_reset_restores_the_start() {
    let clock = Clock::frozen(at("2026-01-01 00:00:00"));
    clock.set(at("2030-05-05 05:05:05"));
    assert_eq!(clock.now_db(), "2030-05-05 05:05:05");
    clock.set_frozen(false);
    assert!(matches!(clock.mode(), ClockMode::Running { .. }));
    assert!(clock.now() >= at("2030-05-05 05:05:05"));
    clock.reset();
    assert_eq!(clock.now_db(), "2026-01-01 00:00:00");
}

#[test]
fn running_clock_can_be_offset_and_frozen() {
    let clock = Clock::system();
    clock.set(at("2001-02-03 04:05:06"));
    clock.set_frozen(true);
    let frozen = clock.now();
    assert!(frozen >= at("2001-02-03 04:05:06") && frozen < at("2001-02-03 04:06:06"));
    assert_eq!(clock.now(), frozen);
}

#[test]
fn parses_the_three_instant_forms() {
    assert_eq!(at("0"), at("1970-01-01 00:00:00"));
    assert_eq!(at("2026-11-23T12:00:00Z"), at("2026-11-23 12:00:00"));
    assert_eq!(parse_instant("yesterday"), None);
}
