//! Value forms shared by the catalog serializers, as DataObjectProcessor and PHP's
//! `json_encode` produce them (lib/internal/Magento/Framework/Reflection/DataObjectProcessor.php,
//! TypeCaster.php).

use magemock_catalog::stock_items::StockView;
use serde_json::{Map, Value};

/// A `float` getter's value as `json_encode` prints it: without `JSON_PRESERVE_ZERO_FRACTION`
/// a whole float loses its fraction (`34.0` prints `34`).
pub fn php_float(f: f64) -> Value {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        Value::from(f as i64)
    } else {
        serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)
    }
}

/// A MySQL `decimal(20,6)` column as PHP reads it: a string with six decimals (`"32.000000"`),
/// which is how decimal custom attributes reach `custom_attributes` uncast.
pub fn decimal_text(raw: &str) -> String {
    match raw.trim().parse::<f64>() {
        Ok(f) if f.is_finite() => format!("{f:.6}"),
        _ => raw.to_string(),
    }
}

/// Inserts `value` under `key` unless it is `None` (a nullable getter returning null).
pub fn put_opt(out: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(v) = value {
        out.insert(key.into(), v);
    }
}

/// `StockItemInterface` in getter order (app/code/Magento/CatalogInventory/Api/Data/
/// StockItemInterface.php): the ids are `int|null` and dropped when null; `low_stock_date`
/// (`@return string`) and `qty` (`@return float`) print `null` rather than being dropped;
/// `use_config_min_sale_qty` is an `int`; `qty_increments` is PHP `false` cast to float (0)
/// when increments are off.
pub fn stock_item(s: &StockView) -> Value {
    let mut o = Map::new();
    put_opt(&mut o, "item_id", s.item_id.map(Value::from));
    put_opt(&mut o, "product_id", s.product_id.map(Value::from));
    put_opt(&mut o, "stock_id", s.stock_id.map(Value::from));
    o.insert("qty".into(), s.qty.map_or(Value::Null, php_float));
    o.insert("is_in_stock".into(), s.is_in_stock.into());
    o.insert("is_qty_decimal".into(), s.is_qty_decimal.into());
    // Stock\Item::getShowDefaultNotificationMessage always returns false.
    o.insert("show_default_notification_message".into(), false.into());
    o.insert("use_config_min_qty".into(), s.use_config_min_qty.into());
    o.insert("min_qty".into(), php_float(s.min_qty));
    o.insert(
        "use_config_min_sale_qty".into(),
        i64::from(s.use_config_min_sale_qty).into(),
    );
    o.insert("min_sale_qty".into(), php_float(s.min_sale_qty));
    o.insert(
        "use_config_max_sale_qty".into(),
        s.use_config_max_sale_qty.into(),
    );
    o.insert("max_sale_qty".into(), php_float(s.max_sale_qty));
    o.insert(
        "use_config_backorders".into(),
        s.use_config_backorders.into(),
    );
    o.insert("backorders".into(), s.backorders.into());
    o.insert(
        "use_config_notify_stock_qty".into(),
        s.use_config_notify_stock_qty.into(),
    );
    o.insert("notify_stock_qty".into(), php_float(s.notify_stock_qty));
    o.insert(
        "use_config_qty_increments".into(),
        s.use_config_qty_increments.into(),
    );
    o.insert(
        "qty_increments".into(),
        php_float(s.qty_increments.unwrap_or(0.0)),
    );
    o.insert(
        "use_config_enable_qty_inc".into(),
        s.use_config_enable_qty_inc.into(),
    );
    o.insert(
        "enable_qty_increments".into(),
        s.enable_qty_increments.into(),
    );
    o.insert(
        "use_config_manage_stock".into(),
        s.use_config_manage_stock.into(),
    );
    o.insert("manage_stock".into(), s.manage_stock.into());
    o.insert(
        "low_stock_date".into(),
        s.low_stock_date.clone().map_or(Value::Null, Value::String),
    );
    o.insert("is_decimal_divided".into(), s.is_decimal_divided.into());
    o.insert(
        "stock_status_changed_auto".into(),
        s.stock_status_changed_auto.into(),
    );
    Value::Object(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// PHP 8: `json_encode(34.0)` is `34`, `json_encode(34.5)` is `34.5`; MySQL decimals read
    /// back with six decimals.
    #[test]
    fn floats_and_decimals_print_like_php() {
        assert_eq!(crate::php_json::to_string(&php_float(34.0)), "34");
        assert_eq!(crate::php_json::to_string(&php_float(34.5)), "34.5");
        assert_eq!(crate::php_json::to_string(&php_float(0.1)), "0.1");
        assert_eq!(decimal_text("32"), "32.000000");
        assert_eq!(decimal_text("x"), "x");
    }
}
