//! app/code/Magento/Directory/etc/webapi.xml: store currency information.

use magemock_core::{MagentoError, Settings, ToMagentoError};
use serde_json::{Value, json};

use crate::rest::call::Call;
use crate::rest::router::{Method, Route};

pub const ROUTES: &[Route] = &[Route {
    method: Method::Get,
    url: "/V1/directory/currency",
    service: "Magento\\Directory\\Api\\CurrencyInformationAcquirerInterface::getCurrencyInfo",
    resources: &["anonymous"],
    forced: &[],
    handler: currency_info,
}];

/// The symbol Magento's locale data gives a currency code (the common ones; others show the code).
fn symbol(code: &str) -> &str {
    match code {
        "USD" | "CAD" | "AUD" | "MXN" | "NZD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" | "CNY" => "¥",
        "CHF" => "CHF",
        "INR" => "₹",
        other => other,
    }
}

/// `CurrencyInformationAcquirer::getCurrencyInfo` (app/code/Magento/Directory/Model/
/// CurrencyInformationAcquirer.php); keys in CurrencyInformationInterface getter order.
fn currency_info(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let (base, display) = call
        .services
        .store
        .read(|c| {
            Ok::<_, magemock_core::CoreError>((
                Settings::get(c, "currency/options/base")?,
                Settings::get(c, "currency/options/default")?,
            ))
        })
        .map_err(|e| e.to_magento())?;
    let base = base.unwrap_or_else(|| "USD".into());
    let display = display.unwrap_or_else(|| base.clone());
    let mut available = vec![base.clone()];
    if display != base {
        available.push(display.clone());
    }
    let rates: Vec<Value> = available
        .iter()
        .map(|code| json!({"currency_to": code, "rate": 1}))
        .collect();
    Ok(json!({
        "base_currency_code": base,
        "base_currency_symbol": symbol(&base),
        "default_display_currency_code": display,
        "default_display_currency_symbol": symbol(&display),
        "available_currency_codes": available,
        "exchange_rates": rates,
    }))
}
