//! What every searchCriteria list route shares: reading the criteria with the 2.4.3+
//! `webapi/validation/*` input limits when they are on
//! (lib/internal/Magento/Framework/Webapi/Validator/IOLimit/IOLimitConfigProvider.php: 20 array
//! items, page size at most 300, 20 rows when no page size is sent), and the
//! `{"items", "search_criteria", "total_count"}` envelope of a SearchResultsInterface.

use magemock_core::search_criteria::{InputLimits, SearchCriteria};
use magemock_core::{CoreError, MagentoError, Settings, ToMagentoError};
use serde_json::{Map, Value};

use crate::rest::call::Call;

/// IOLimitConfigProvider's fallbacks when a limit path is empty.
const COMPLEX_ARRAY_LIMIT: i64 = 20;
const MAXIMUM_PAGE_SIZE: i64 = 300;
const DEFAULT_PAGE_SIZE: i64 = 20;

fn limits(call: &Call<'_>) -> Result<InputLimits, MagentoError> {
    call.services
        .store
        .read(|c| {
            if !Settings::flag(c, "webapi/validation/input_limit_enabled")? {
                return Ok::<_, CoreError>(InputLimits::default());
            }
            let get = |path: &str, fallback: i64| -> Result<i64, CoreError> {
                Ok(Settings::get_int(c, path)?.unwrap_or(fallback))
            };
            Ok(InputLimits {
                maximum_page_size: Some(get(
                    "webapi/validation/maximum_page_size",
                    MAXIMUM_PAGE_SIZE,
                )?),
                complex_array_limit: Some(
                    usize::try_from(get(
                        "webapi/validation/complex_array_limit",
                        COMPLEX_ARRAY_LIMIT,
                    )?)
                    .unwrap_or(0),
                ),
                default_page_size: Some(get(
                    "webapi/validation/default_page_size",
                    DEFAULT_PAGE_SIZE,
                )?),
            })
        })
        .map_err(|e| e.to_magento())
}

/// The route's `searchCriteria` parameter (required: its absence is the REQUIRED_FIELD error).
pub fn criteria(call: &Call<'_>) -> Result<SearchCriteria, MagentoError> {
    let limits = limits(call)?;
    SearchCriteria::from_params(call.input.raw(), &limits)
}

/// `{"items": [...], "search_criteria": {...}, "total_count": N}` in SearchResultsInterface
/// getter order.
pub fn envelope(items: Vec<Value>, criteria: &SearchCriteria, total: i64) -> Value {
    let mut out = Map::new();
    out.insert("items".into(), Value::Array(items));
    out.insert("search_criteria".into(), criteria.echo());
    out.insert("total_count".into(), total.into());
    Value::Object(out)
}
