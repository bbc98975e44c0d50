use rusqlite::Connection;
use rusqlite::types::Value as Sql;
use serde_json::{Value, json};

use super::*;
use crate::error::{ExceptionKind, Params};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn criteria(query: &str) -> Result<SearchCriteria, MagentoError> {
    criteria_limited(query, &InputLimits::default())
}

fn criteria_limited(query: &str, limits: &InputLimits) -> Result<SearchCriteria, MagentoError> {
    let params = php_query::parse(query);
    let params = params.as_object().cloned().unwrap_or_default();
    SearchCriteria::from_params(&params, limits)
}

/// The caller's field mapping: known fields are columns of the `products` test table.
fn column(field: &str) -> Result<String, MagentoError> {
    match field {
        "sku" | "name" | "price" | "qty" | "tags" | "special" | "id" | "created_at" => {
            Ok(field.to_string())
        }
        "name_lower" => Ok("lower(name)".to_string()),
        other => Err(MagentoError::input(
            "unknown field %1",
            Params::positional([other]),
        )),
    }
}

fn render(q: &SqlQuery) -> String {
    [q.where_clause(), q.order_sql.clone(), q.limit_clause()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn texts(params: &[&str]) -> Vec<Sql> {
    params.iter().map(|p| Sql::Text(p.to_string())).collect()
}

/// Query string in, SQL and bound values out (EAV filter processor).
#[track_caller]
fn check(query: &str, expected_sql: &str, expected_params: &[&str]) {
    let sc = criteria(query).expect("criteria");
    let q = sc.to_sql(&column).expect("sql");
    assert_eq!(render(&q), expected_sql, "query: {query}");
    assert_eq!(q.params, texts(expected_params), "query: {query}");
}

/// One filter in group 0.
fn one(field: &str, value: &str, condition: &str) -> String {
    filter(0, 0, field, value, condition)
}

fn filter(group: usize, i: usize, field: &str, value: &str, condition: &str) -> String {
    let p = format!("searchCriteria[filter_groups][{group}][filters][{i}]");
    format!("{p}[field]={field}&{p}[value]={value}&{p}[condition_type]={condition}")
}

#[track_caller]
fn check_echo(query: &str, expected: Value) {
    let sc = criteria(query).expect("criteria");
    assert_eq!(
        sc.echo().to_string(),
        expected.to_string(),
        "query: {query}"
    );
}

#[track_caller]
fn check_err(query: &str, kind: ExceptionKind, message: &str, params: Params) {
    let err = criteria(query).expect_err("an error");
    assert_eq!(err.kind, kind, "query: {query}");
    assert_eq!(err.message, message, "query: {query}");
    assert_eq!(err.params, params, "query: {query}");
}

#[track_caller]
fn check_php(query: &str, expected: Value) {
    assert_eq!(
        php_query::parse(query).to_string(),
        expected.to_string(),
        "query: {query}"
    );
}

// ---------------------------------------------------------------------------------------------
// Parsing the criteria (lib/internal/Magento/Framework/Webapi/ServiceInputProcessor.php)
// ---------------------------------------------------------------------------------------------

#[test]
fn snake_and_camel_keys_give_the_same_criteria() {
    // ServiceInputProcessor::_createFromArray + SimpleDataObjectConverter::snakeCaseToUpperCamelCase
    let snake = "searchCriteria[filter_groups][0][filters][0][field]=sku\
        &searchCriteria[filter_groups][0][filters][0][value]=MT%25\
        &searchCriteria[filter_groups][0][filters][0][condition_type]=like\
        &searchCriteria[sort_orders][0][field]=price&searchCriteria[sort_orders][0][direction]=desc\
        &searchCriteria[page_size]=10&searchCriteria[current_page]=2";
    let camel = "searchCriteria[filterGroups][0][filters][0][field]=sku\
        &searchCriteria[filterGroups][0][filters][0][value]=MT%25\
        &searchCriteria[filterGroups][0][filters][0][conditionType]=like\
        &searchCriteria[sortOrders][0][field]=price&searchCriteria[sortOrders][0][direction]=DESC\
        &searchCriteria[pageSize]=10&searchCriteria[currentPage]=2";
    let expected = SearchCriteria {
        filter_groups: vec![FilterGroup {
            filters: vec![Filter {
                field: "sku".into(),
                value: Some("MT%".into()),
                condition_type: Condition::Like,
            }],
        }],
        sort_orders: vec![SortOrder {
            field: "price".into(),
            direction: Direction::Desc,
        }],
        page_size: Some(10),
        current_page: Some(2),
    };
    assert_eq!(criteria(snake), Ok(expected.clone()));
    assert_eq!(criteria(camel), Ok(expected));
    // The top-level parameter may be snake_case too (ServiceInputProcessor::process).
    assert_eq!(
        criteria("search_criteria[PageSize]=3&search_criteria[page__size_]=4").map(|c| c.page_size),
        Ok(Some(4))
    );
}

#[test]
fn keys_without_a_getter_are_a_500() {
    // Reflection/NameFinder.php: the getter lookup is case-sensitive, a miss is a LogicException
    // (not localized, so ErrorProcessor masks it as a 500).
    let err = criteria("searchCriteria[pagesize]=5").expect_err("unknown key");
    assert_eq!(err.kind, ExceptionKind::Internal);
    assert_eq!(
        err.cause.as_deref(),
        Some(
            "Property \"Pagesize\" does not have accessor method \"getPagesize\" in class \
             \"Magento\\Framework\\Api\\SearchCriteriaInterface\"."
        )
    );
    let err = criteria("searchCriteria[filter_groups][0][filters][0][operator]=eq").expect_err("x");
    assert!(err.cause.as_deref().is_some_and(|c| {
        c.ends_with("\"getOperator\" in class \"Magento\\Framework\\Api\\Filter\".")
    }));
    let err = criteria("searchCriteria[sortOrders][0][dir]=ASC").expect_err("x");
    assert!(
        err.cause
            .as_deref()
            .is_some_and(|c| c.contains("Magento\\Framework\\Api\\SortOrder"))
    );
}

#[test]
fn missing_and_empty_criteria() {
    // ServiceInputProcessor::process: isset() on the parameter, REQUIRED_FIELD when missing.
    assert_eq!(
        criteria(""),
        Err(MagentoError::required_field("searchCriteria"))
    );
    // _createFromArray: `$data = is_array($data) ? $data : []` — an empty criteria.
    assert_eq!(criteria("searchCriteria="), Ok(SearchCriteria::default()));
    assert_eq!(
        criteria("searchCriteria[filter_groups]=x"),
        Ok(SearchCriteria::default())
    );
    // A group that is not an array is an empty group; it filters nothing.
    let sc = criteria("searchCriteria[filter_groups][0]=x").expect("criteria");
    assert_eq!(sc.filter_groups, vec![FilterGroup::default()]);
    assert_eq!(sc.to_sql(&column).map(|q| q.where_sql), Ok(String::new()));
}

#[test]
fn lists_may_be_json_arrays_objects_or_soap_items() {
    // ServiceInputProcessor::convertValue / _removeSoapItemNode (REST runs it too).
    let from_json = SearchCriteria::from_value(&json!({
        "filterGroups": [{"filters": [{"field": "sku", "value": "a"}, {"field": "sku", "value": "b"}]}],
        "sortOrders": [{"field": "name", "direction": "asc"}],
        "pageSize": "20"
    }))
    .expect("json");
    let from_query = criteria(&format!(
        "{}&{}&searchCriteria[sortOrders][0][field]=name&searchCriteria[sortOrders][0][direction]=asc\
         &searchCriteria[pageSize]=20",
        filter(0, 0, "sku", "a", ""),
        filter(0, 1, "sku", "b", "")
    ))
    .expect("query");
    assert_eq!(from_json, from_query);
    let soap = SearchCriteria::from_value(&json!({
        "filter_groups": {"item": {"filters": {"item": [{"field": "sku", "value": "a"}, {"field": "sku", "value": "b"}]}}},
        "sort_orders": {"item": {"field": "name", "direction": "ASC"}},
        "page_size": 20
    }))
    .expect("soap");
    assert_eq!(soap, from_json);
    // An `item` that is a plain value is one (empty) item.
    let sc = SearchCriteria::from_value(&json!({"sort_orders": {"item": "x"}})).expect("x");
    assert_eq!(
        sc.sort_orders,
        vec![SortOrder {
            field: String::new(),
            direction: Direction::Unspecified
        }]
    );
}

#[test]
fn numbers_are_converted_like_php() {
    // Reflection/TypeProcessor.php setType: is_numeric, then settype(int).
    let page = |v: &str| criteria(&format!("searchCriteria[pageSize]={v}")).map(|c| c.page_size);
    assert_eq!(page("12"), Ok(Some(12)));
    assert_eq!(page("+12"), Ok(Some(12)));
    assert_eq!(page("%2012%20"), Ok(Some(12)));
    assert_eq!(page("12.9"), Ok(Some(12)));
    assert_eq!(page(".5"), Ok(Some(0)));
    assert_eq!(page("1e2"), Ok(Some(100)));
    assert_eq!(page("-3"), Ok(Some(-3)));
    assert_eq!(page("99999999999999999999"), Ok(Some(i64::MAX)));
    assert_eq!(page("1e999"), Ok(Some(0)));
    let from =
        |v: Value| SearchCriteria::from_value(&json!({ "currentPage": v })).map(|c| c.current_page);
    assert_eq!(from(json!(2.7)), Ok(Some(2)));
    assert_eq!(from(json!(null)), Ok(None));
    assert_eq!(from(json!(1e19)), Ok(Some(-8_446_744_073_709_551_616)));
    // Strings from JSON numbers and booleans (settype string; precision=14 for floats).
    let value = |v: Value| {
        SearchCriteria::from_value(
            &json!({"filter_groups": [{"filters": [{"field": "f", "value": v}]}]}),
        )
        .map(|c| c.filter_groups[0].filters[0].value.clone())
    };
    assert_eq!(value(json!(5)), Ok(Some("5".into())));
    assert_eq!(value(json!(1.5)), Ok(Some("1.5".into())));
    assert_eq!(value(json!(true)), Ok(Some("1".into())));
    assert_eq!(value(json!(false)), Ok(Some(String::new())));
    assert_eq!(parse::php_float_string(1e25), "1.0E+25");
    assert_eq!(parse::php_float_string(1e14), "1.0E+14");
    assert_eq!(parse::php_float_string(1e13), "10000000000000");
    assert_eq!(parse::php_float_string(0.1 + 0.2), "0.3");
    assert_eq!(parse::php_float_string(-0.0001), "-0.0001");
    assert_eq!(parse::php_float_string(0.00001), "1.0E-5");
    assert_eq!(parse::php_float_string(1.0 / 3.0), "0.33333333333333");
}

#[test]
fn conversion_errors_are_prerendered_and_wrapped_per_property() {
    // ServiceInputProcessor::_createFromArray ("Error occurred during ...") and ::process
    // (re-thrown as Webapi\Exception with the rendered text); TypeProcessor 2.3+ wording.
    check_err(
        "searchCriteria[pageSize]=abc",
        ExceptionKind::Webapi(400),
        "Error occurred during \"pageSize\" processing. The \"abc\" value's type is invalid. \
         The \"int\" type was expected. Verify and try again.",
        Params::None,
    );
    check_err(
        "searchCriteria[current_page][]=1",
        ExceptionKind::Webapi(400),
        "Error occurred during \"current_page\" processing. The \"array\" value's type is \
         invalid. The \"int\" type was expected. Verify and try again.",
        Params::None,
    );
    check_err(
        "searchCriteria[filter_groups][0][filters][0][value][]=a",
        ExceptionKind::Webapi(400),
        "Error occurred during \"filter_groups\" processing. Error occurred during \"filters\" \
         processing. Error occurred during \"value\" processing. The \"array\" value's type is \
         invalid. The \"string\" type was expected. Verify and try again.",
        Params::None,
    );
    // Rendered in one pass: a value cannot smuggle in a placeholder.
    check_err(
        "searchCriteria[pageSize]=%25type",
        ExceptionKind::Webapi(400),
        "Error occurred during \"pageSize\" processing. The \"%type\" value's type is invalid. \
         The \"int\" type was expected. Verify and try again.",
        Params::None,
    );
    // The first failing key (in the order sent) decides.
    check_err(
        "searchCriteria[currentPage]=x&searchCriteria[pageSize]=y",
        ExceptionKind::Webapi(400),
        "Error occurred during \"currentPage\" processing. The \"x\" value's type is invalid. \
         The \"int\" type was expected. Verify and try again.",
        Params::None,
    );
}

#[test]
fn direction_is_uppercased_and_validated() {
    // lib/internal/Magento/Framework/Api/SortOrder.php validateDirection / normalizeDirectionInput
    let direction = |d: &str| {
        criteria(&format!(
            "searchCriteria[sortOrders][0][field]=name&searchCriteria[sortOrders][0][direction]={d}"
        ))
        .map(|c| c.sort_orders[0].direction)
    };
    assert_eq!(direction("asc"), Ok(Direction::Asc));
    assert_eq!(direction("dEsC"), Ok(Direction::Desc));
    for bad in ["up", "", "ascending", "%20ASC"] {
        check_err(
            &format!("searchCriteria[sortOrders][0][direction]={bad}"),
            ExceptionKind::Input,
            messages::SORT_ORDER_DIRECTION,
            Params::positional(["ASC", "DESC"]),
        );
    }
    // Only a JSON null reaches the is_string check; gettype(null) is "NULL".
    let err =
        SearchCriteria::from_value(&json!({"sort_orders": [{"field": "a", "direction": null}]}))
            .expect_err("null direction");
    assert_eq!(err.kind, ExceptionKind::Input);
    assert_eq!(err.message, messages::SORT_ORDER_NOT_STRING);
    assert_eq!(err.params, Params::positional(["NULL"]));
    // The InputException is not a SerializationException: no "Error occurred during" wrapper.
    let err = criteria("searchCriteria[sortOrders][0][direction]=x").expect_err("bad");
    assert_eq!(
        err.to_string(),
        "The sort order has to be specified as ASC for ascending order or DESC for descending order."
    );
}

#[test]
fn input_limits() {
    // Webapi/Validator/SearchCriteriaValidator.php compares the property name with 'pageSize'.
    let limits = InputLimits {
        maximum_page_size: Some(300),
        complex_array_limit: Some(2),
        default_page_size: Some(20),
    };
    let err = criteria_limited("searchCriteria[pageSize]=301", &limits).expect_err("too big");
    assert_eq!(err.kind, ExceptionKind::Input);
    assert_eq!(err.message, messages::MAX_PAGE_SIZE);
    assert_eq!(err.params, Params::named([("max", 300)]));
    assert_eq!(
        criteria_limited("searchCriteria[page_size]=301", &limits).map(|c| c.page_size),
        Ok(Some(301))
    );
    // Validator/IOLimit/DefaultPageSizeSetter.php: applied when none came, and so echoed.
    let sc = criteria_limited("searchCriteria[currentPage]=2", &limits).expect("criteria");
    assert_eq!(
        sc.echo(),
        json!({"filter_groups": [], "page_size": 20, "current_page": 2})
    );
    // Validator/EntityArrayValidator.php: more items than complex_array_limit.
    let three = format!(
        "{}&{}&{}",
        filter(0, 0, "a", "1", ""),
        filter(0, 1, "a", "2", ""),
        filter(0, 2, "a", "3", "")
    );
    let err = criteria_limited(&three, &limits).expect_err("too many");
    assert_eq!(err.message, messages::MAX_ARRAY_ITEMS);
    assert_eq!(
        err.params,
        Params::named([
            ("type", json!("\\Magento\\Framework\\Api\\Filter")),
            ("max", json!(2))
        ])
    );
    assert!(criteria(&three).is_ok());
}

// ---------------------------------------------------------------------------------------------
// The echo (Reflection/DataObjectProcessor.php over Api/SearchCriteriaInterface.php)
// ---------------------------------------------------------------------------------------------

#[test]
fn echo_shape() {
    // Api/Filter.php getConditionType `?: 'eq'`; @return string for field/value/direction, so a
    // missing one prints null; sort_orders/page_size/current_page are `|null` and dropped.
    check_echo(
        "searchCriteria[filterGroups][0][filters][0][field]=sku\
         &searchCriteria[filterGroups][0][filters][0][value]=MT12\
         &searchCriteria[filterGroups][0][filters][1][field]=name\
         &searchCriteria[filterGroups][0][filters][1][conditionType]=like\
         &searchCriteria[filterGroups][1][filters][0][field]=price\
         &searchCriteria[filterGroups][1][filters][0][value]=5\
         &searchCriteria[filterGroups][1][filters][0][conditionType]=0\
         &searchCriteria[sortOrders][0][field]=price&searchCriteria[sortOrders][0][direction]=asc\
         &searchCriteria[sortOrders][1][field]=name\
         &searchCriteria[pageSize]=5&searchCriteria[currentPage]=-2",
        json!({
            "filter_groups": [
                {"filters": [
                    {"field": "sku", "value": "MT12", "condition_type": "eq"},
                    {"field": "name", "value": null, "condition_type": "like"}
                ]},
                {"filters": [{"field": "price", "value": "5", "condition_type": "eq"}]}
            ],
            "sort_orders": [
                {"field": "price", "direction": "ASC"},
                {"field": "name", "direction": null}
            ],
            "page_size": 5,
            "current_page": -2
        }),
    );
    // Api/SearchCriteria.php getFilterGroups: [] when unset, and never dropped.
    check_echo("searchCriteria=", json!({"filter_groups": []}));
    check_echo(
        "searchCriteria[filter_groups][0][filters][0][condition_type]=MOREQ",
        json!({"filter_groups": [{"filters": [{"field": null, "value": null, "condition_type": "MOREQ"}]}]}),
    );
    // Api/Search/FilterGroup.php getFilters: [] when unset.
    check_echo(
        "searchCriteria[filter_groups][0][custom_attributes]=",
        json!({"filter_groups": [{"filters": []}]}),
    );
}

// ---------------------------------------------------------------------------------------------
// SQL (DB/Adapter/Pdo/Mysql.php prepareSqlCondition, Api/SearchCriteria/CollectionProcessor/*)
// ---------------------------------------------------------------------------------------------

#[test]
fn each_condition_type() {
    // DB/Adapter/Pdo/Mysql.php prepareSqlCondition's $conditionKeyMap, one by one.
    check(
        &one("sku", "MT12", "eq"),
        "WHERE sku COLLATE NOCASE = ?",
        &["MT12"],
    );
    check(
        &one("sku", "MT12", ""),
        "WHERE sku COLLATE NOCASE = ?",
        &["MT12"],
    );
    check(
        &one("tags", "12", "finset"),
        "WHERE (tags != '' AND instr(',' || lower(tags) || ',', ',' || lower(?) || ',') > 0)",
        &["12"],
    );
    check(
        &one("created_at", "2024-01-01", "from"),
        "WHERE created_at COLLATE NOCASE >= ?",
        &["2024-01-01"],
    );
    check(
        &one("price", "30", "gt"),
        "WHERE price COLLATE NOCASE > ?",
        &["30"],
    );
    check(
        &one("price", "30", "gteq"),
        "WHERE price COLLATE NOCASE >= ?",
        &["30"],
    );
    check(
        &one("id", "1,%202,3", "in"),
        "WHERE id COLLATE NOCASE IN (?, ?, ?)",
        &["1", " 2", "3"],
    );
    check(
        &one("name", "%25Watch%25", "like"),
        "WHERE name LIKE ? ESCAPE '\\'",
        &["%Watch%"],
    );
    check(
        &one("price", "30", "lt"),
        "WHERE price COLLATE NOCASE < ?",
        &["30"],
    );
    check(
        &one("price", "30", "lteq"),
        "WHERE price COLLATE NOCASE <= ?",
        &["30"],
    );
    // `moreq` is not in the map: the EAV condition array is OR-ed entry by entry.
    check(
        &one("price", "30", "moreq"),
        "WHERE (price COLLATE NOCASE = ? OR price COLLATE NOCASE = ?)",
        &["price", "30"],
    );
    check(
        &one("sku", "MT12", "neq"),
        "WHERE sku COLLATE NOCASE != ?",
        &["MT12"],
    );
    check(
        &one("tags", "12", "nfinset"),
        "WHERE NOT (tags != '' AND instr(',' || lower(tags) || ',', ',' || lower(?) || ',') > 0)",
        &["12"],
    );
    check(
        &one("id", "1,2", "nin"),
        "WHERE id COLLATE NOCASE NOT IN (?, ?)",
        &["1", "2"],
    );
    check(
        &one("name", "%25Watch%25", "nlike"),
        "WHERE name NOT LIKE ? ESCAPE '\\'",
        &["%Watch%"],
    );
    check(
        &one("special", "ignored", "notnull"),
        "WHERE special IS NOT NULL",
        &[],
    );
    check(
        &one("special", "ignored", "null"),
        "WHERE special IS NULL",
        &[],
    );
    check(
        &one("created_at", "2024-12-31", "to"),
        "WHERE created_at COLLATE NOCASE <= ?",
        &["2024-12-31"],
    );
}

#[test]
fn condition_corner_cases() {
    // Mysql.php: a missing value is PHP null, quoted as '' (eq, in, finset alike).
    check(
        "searchCriteria[filter_groups][0][filters][0][field]=sku",
        "WHERE sku COLLATE NOCASE = ?",
        &[""],
    );
    check(
        "searchCriteria[filter_groups][0][filters][0][field]=id\
         &searchCriteria[filter_groups][0][filters][0][condition_type]=in",
        "WHERE id COLLATE NOCASE IN (?)",
        &[""],
    );
    // Case matters for condition types (PHP array keys): `EQ` is unknown, like `moreq`.
    check(
        &one("sku", "x", "EQ"),
        "WHERE (sku COLLATE NOCASE = ? OR sku COLLATE NOCASE = ?)",
        &["sku", "x"],
    );
    // FIND_IN_SET with a comma in the value never matches; NOT of it is "not NULL".
    check(&one("tags", "4,12", "finset"), "WHERE 0", &[]);
    check(
        &one("tags", "4,12", "nfinset"),
        "WHERE tags IS NOT NULL",
        &[],
    );
    // A trailing lone backslash would make SQLite's LIKE match nothing; MySQL takes it literally.
    check(
        &one("sku", "A%5C", "like"),
        "WHERE sku LIKE ? ESCAPE '\\'",
        &["A\\\\"],
    );
    check(
        &one("sku", "A%5C%5C", "like"),
        "WHERE sku LIKE ? ESCAPE '\\'",
        &["A\\\\"],
    );
    // Other keys of the map: seq/sneq (empty → NULL test), regexp.
    check(&one("special", "", "seq"), "WHERE special IS NULL", &[]);
    check(
        &one("special", "8", "seq"),
        "WHERE special COLLATE NOCASE = ?",
        &["8"],
    );
    check(
        &one("special", "", "sneq"),
        "WHERE special IS NOT NULL",
        &[],
    );
    check(&one("name", "^A", "regexp"), "WHERE name REGEXP ?", &["^A"]);
    // `is` renders `IS '<value>'`, a MySQL syntax error: a 500.
    let sc = criteria(&one("name", "x", "is")).expect("criteria");
    assert_eq!(
        sc.to_sql(&column).map_err(|e| e.kind),
        Err(ExceptionKind::Internal)
    );
    // An expression is parenthesised so COLLATE and || cover all of it.
    check(
        &one("name_lower", "a", "eq"),
        "WHERE (lower(name)) COLLATE NOCASE = ?",
        &["a"],
    );
    // The caller's unknown-field error comes through.
    let sc = criteria(&one("colour", "red", "eq")).expect("criteria");
    assert_eq!(
        sc.to_sql(&column).map_err(|e| e.params),
        Err(Params::positional(["colour"]))
    );
}

#[test]
fn flat_filter_processor_differs_only_for_unknown_types() {
    // Api/SearchCriteria/CollectionProcessor/FilterProcessor.php: [$condition => $value], and
    // `fulltext` becomes like %value%.
    let flat = |query: &str| {
        let sc = criteria(query).expect("criteria");
        let filter = |f: &Filter| column(&f.field).map(FieldSql::Column);
        let q = sc
            .to_sql_with(FilterStyle::Flat, &filter, &column)
            .expect("sql");
        (render(&q), q.params)
    };
    assert_eq!(
        flat(&one("price", "30", "moreq")),
        ("WHERE price COLLATE NOCASE = ?".into(), texts(&["30"]))
    );
    assert_eq!(
        flat(&one("name", "atch", "fulltext")),
        ("WHERE name LIKE ? ESCAPE '\\'".into(), texts(&["%atch%"]))
    );
    assert_eq!(
        flat(&one("sku", "a", "eq")),
        ("WHERE sku COLLATE NOCASE = ?".into(), texts(&["a"]))
    );
}

#[test]
fn or_within_a_group_and_across_groups() {
    // Api/SearchCriteria/CollectionProcessor/FilterProcessor.php (one addFieldToFilter per
    // group) and Data/Collection/AbstractDb.php addFieldToFilter (OR inside).
    check(
        &format!(
            "{}&{}&{}",
            filter(0, 0, "sku", "a", "eq"),
            filter(0, 1, "name", "b%25", "like"),
            filter(1, 0, "price", "30", "gt")
        ),
        "WHERE (sku COLLATE NOCASE = ? OR name LIKE ? ESCAPE '\\') AND price COLLATE NOCASE > ?",
        &["a", "b%", "30"],
    );
    // from and to in one group are two OR-ed filters, not a range.
    check(
        &format!(
            "{}&{}",
            filter(0, 0, "price", "10", "from"),
            filter(0, 1, "price", "20", "to")
        ),
        "WHERE (price COLLATE NOCASE >= ? OR price COLLATE NOCASE <= ?)",
        &["10", "20"],
    );
    check(
        &format!(
            "{}&{}",
            filter(0, 0, "price", "10", "from"),
            filter(1, 0, "price", "20", "to")
        ),
        "WHERE price COLLATE NOCASE >= ? AND price COLLATE NOCASE <= ?",
        &["10", "20"],
    );
    // Groups keep the order sent, whatever their keys.
    check(
        &format!(
            "{}&{}",
            filter(5, 0, "sku", "a", ""),
            filter(2, 0, "sku", "b", "")
        ),
        "WHERE sku COLLATE NOCASE = ? AND sku COLLATE NOCASE = ?",
        &["a", "b"],
    );
}

#[test]
fn custom_filters_are_anded_apart_from_their_group() {
    // Api/SearchCriteria/CollectionProcessor/FilterProcessor.php: CustomFilterInterface::apply
    // adds its own WHERE and the filter leaves the group's OR.
    let sc = criteria(&format!(
        "{}&{}",
        filter(0, 0, "category_id", "3", "eq"),
        filter(0, 1, "sku", "a", "eq")
    ))
    .expect("criteria");
    let resolve = |f: &Filter| match f.field.as_str() {
        "category_id" => Ok(FieldSql::Custom {
            sql: "id IN (SELECT product_id FROM cat WHERE category_id = ?)".into(),
            params: vec![Sql::Text(f.value.clone().unwrap_or_default())],
        }),
        other => column(other).map(FieldSql::Column),
    };
    let q = sc
        .to_sql_with(FilterStyle::Eav, &resolve, &column)
        .expect("sql");
    assert_eq!(
        q.where_sql,
        "(id IN (SELECT product_id FROM cat WHERE category_id = ?)) AND sku COLLATE NOCASE = ?"
    );
    assert_eq!(q.params, texts(&["3", "a"]));
}

#[test]
fn sorting() {
    // Api/SearchCriteria/CollectionProcessor/SortingProcessor.php (`== ASC` else DESC; null
    // field skipped) and Data/Collection/AbstractDb.php _setOrder (one entry per field).
    let s = |i: usize, field: &str, dir: &str| {
        format!(
            "searchCriteria[sortOrders][{i}][field]={field}&searchCriteria[sortOrders][{i}][direction]={dir}"
        )
    };
    check(
        &format!("{}&{}", s(0, "price", "asc"), s(1, "name", "DESC")),
        "ORDER BY price COLLATE NOCASE ASC, name COLLATE NOCASE DESC",
        &[],
    );
    check(
        "searchCriteria[sortOrders][0][field]=price",
        "ORDER BY price COLLATE NOCASE DESC",
        &[],
    );
    check(
        &format!(
            "{}&{}&{}",
            s(0, "price", "asc"),
            s(1, "name", "asc"),
            s(2, "price", "desc")
        ),
        "ORDER BY name COLLATE NOCASE ASC, price COLLATE NOCASE DESC",
        &[],
    );
    check("searchCriteria[sortOrders][0][direction]=ASC", "", &[]);
    check(
        "searchCriteria[sortOrders][0][field]=name_lower&searchCriteria[sortOrders][0][direction]=ASC",
        "ORDER BY (lower(name)) COLLATE NOCASE ASC",
        &[],
    );
}

#[test]
fn paging() {
    // Data/Collection/AbstractDb.php _renderLimit (`if ($this->_pageSize)`), Zend_Db_Select
    // limitPage (page and size below 1 become 1), Data/Collection.php getCurPage (no last-page
    // cap in 2.4 REST, reference §5.5).
    check(
        "searchCriteria[pageSize]=10&searchCriteria[currentPage]=3",
        "LIMIT 10 OFFSET 20",
        &[],
    );
    check("searchCriteria[pageSize]=10", "LIMIT 10 OFFSET 0", &[]);
    check(
        "searchCriteria[pageSize]=10&searchCriteria[currentPage]=0",
        "LIMIT 10 OFFSET 0",
        &[],
    );
    check(
        "searchCriteria[pageSize]=10&searchCriteria[currentPage]=-4",
        "LIMIT 10 OFFSET 0",
        &[],
    );
    check("searchCriteria[currentPage]=3", "", &[]);
    check(
        "searchCriteria[pageSize]=0&searchCriteria[currentPage]=3",
        "",
        &[],
    );
    check(
        "searchCriteria[pageSize]=-5&searchCriteria[currentPage]=3",
        "LIMIT 1 OFFSET 2",
        &[],
    );
    check(
        "searchCriteria[pageSize]=1000&searchCriteria[currentPage]=999",
        "LIMIT 1000 OFFSET 998000",
        &[],
    );
    check(
        "searchCriteria[pageSize]=9223372036854775807&searchCriteria[currentPage]=3",
        "LIMIT 9223372036854775807 OFFSET 9223372036854775807",
        &[],
    );
}

// ---------------------------------------------------------------------------------------------
// Against SQLite: affinity, collation, FIND_IN_SET and LIKE behave as MySQL does for Magento
// ---------------------------------------------------------------------------------------------

fn db() -> Connection {
    let conn = Connection::open_in_memory().expect("db");
    conn.execute_batch(
        "CREATE TABLE products (id INTEGER PRIMARY KEY, sku TEXT, name TEXT, price REAL,
             qty INTEGER, tags TEXT, special TEXT, created_at TEXT);
         INSERT INTO products VALUES
             (1, 'MT12', 'Cruise Dual Analog Watch', 55.0, 10, '4,12', NULL, '2024-01-05 10:00:00'),
             (2, 'mt13', 'Aim Analog Watch', 45.0, 0, '12', '40', '2024-02-01 00:00:00'),
             (3, '007', 'Bond_Watch 50%', 30.0, 5, '', NULL, '2024-03-01 00:00:00'),
             (4, 'WB01', 'Endurance Watch', 9.5, 100, NULL, '8', '2023-12-31 23:59:59'),
             (5, 'A\\B', 'back\\slash', 100.0, 2, '4', NULL, '2024-01-01 00:00:00');",
    )
    .expect("schema");
    conn
}

/// The ids the criteria select, and the total_count without the limit.
#[track_caller]
fn ids(query: &str) -> (Vec<i64>, i64) {
    let conn = db();
    let sc = criteria(query).expect("criteria");
    let q = sc.to_sql(&column).expect("sql");
    let sql = format!(
        "SELECT id FROM products {} {} {}",
        q.where_clause(),
        q.order_sql,
        q.limit_clause()
    );
    let mut stmt = conn.prepare(&sql).expect("prepare");
    let rows = stmt
        .query_map(rusqlite::params_from_iter(q.params.iter()), |r| r.get(0))
        .expect("query")
        .collect::<Result<Vec<i64>, _>>()
        .expect("rows");
    let count = conn
        .query_row(
            &format!("SELECT COUNT(*) FROM products {}", q.where_clause()),
            rusqlite::params_from_iter(q.params.iter()),
            |r| r.get(0),
        )
        .expect("count");
    (rows, count)
}

#[test]
fn sqlite_compares_like_mysql_by_column_type() {
    // A REAL column against a bound '30' compares numerically (text would put '9.5' > '30').
    assert_eq!(ids(&one("price", "30", "gt")).0, vec![1, 2, 5]);
    assert_eq!(ids(&one("price", "9.50", "lteq")).0, vec![4]);
    assert_eq!(ids(&one("price", "30,%2045", "in")).0, vec![2, 3]);
    assert_eq!(ids(&one("qty", "0,5", "in")).0, vec![2, 3]);
    assert_eq!(ids(&one("qty", "0,5", "nin")).0, vec![1, 4, 5]);
    // A TEXT column compares as text: '007' is not 7, and '8' > '10'.
    assert_eq!(ids(&one("sku", "7", "eq")).0, Vec::<i64>::new());
    assert_eq!(ids(&one("sku", "007", "eq")).0, vec![3]);
    assert_eq!(ids(&one("special", "10", "gt")).0, vec![2, 4]);
    // Case-insensitive like Magento's utf8_general_ci columns.
    assert_eq!(ids(&one("sku", "mt12", "eq")).0, vec![1]);
    assert_eq!(ids(&one("sku", "MT12,MT13", "in")).0, vec![1, 2]);
    assert_eq!(ids(&one("sku", "mt12", "neq")).0, vec![2, 3, 4, 5]);
    // Dates as text.
    assert_eq!(
        ids(&format!(
            "{}&{}",
            filter(0, 0, "created_at", "2024-01-01", "from"),
            filter(1, 0, "created_at", "2024-02-01 00:00:00", "to")
        ))
        .0,
        vec![1, 2, 5]
    );
}

#[test]
fn sqlite_find_in_set_like_null() {
    // MySQL FIND_IN_SET semantics (empty set, comma in the value, NULL).
    assert_eq!(ids(&one("tags", "12", "finset")).0, vec![1, 2]);
    assert_eq!(ids(&one("tags", "4", "finset")).0, vec![1, 5]);
    assert_eq!(ids(&one("tags", "", "finset")).0, Vec::<i64>::new());
    assert_eq!(ids(&one("tags", "4,12", "finset")).0, Vec::<i64>::new());
    assert_eq!(ids(&one("tags", "12", "nfinset")).0, vec![3, 5]);
    assert_eq!(ids(&one("tags", "4,12", "nfinset")).0, vec![1, 2, 3, 5]);
    // LIKE: case-insensitive, `\` escapes, NOT LIKE drops NULLs.
    assert_eq!(ids(&one("name", "%25watch%25", "like")).0, vec![1, 2, 3, 4]);
    assert_eq!(ids(&one("name", "Bond%5C_%25", "like")).0, vec![3]);
    assert_eq!(ids(&one("name", "%25Bond%25", "like")).0, vec![3]);
    assert_eq!(ids(&one("name", "%2550%5C%25", "like")).0, vec![3]);
    assert_eq!(ids(&one("sku", "A%5C%5C%25", "like")).0, vec![5]);
    assert_eq!(ids(&one("name", "%25watch%25", "nlike")).0, vec![5]);
    assert_eq!(ids(&one("special", "", "null")).0, vec![1, 3, 5]);
    assert_eq!(ids(&one("special", "", "notnull")).0, vec![2, 4]);
    // moreq is not "more or equal": only price = 30 (or = 'price').
    assert_eq!(ids(&one("price", "30", "moreq")).0, vec![3]);
    // from/to in one group: OR-ed, so nearly everything.
    assert_eq!(
        ids(&format!(
            "{}&{}",
            filter(0, 0, "price", "50", "from"),
            filter(0, 1, "price", "10", "to")
        ))
        .0,
        vec![1, 4, 5]
    );
}

#[test]
fn sqlite_sorting_and_paging_past_the_end() {
    let sort =
        "searchCriteria[sortOrders][0][field]=sku&searchCriteria[sortOrders][0][direction]=ASC";
    assert_eq!(ids(sort).0, vec![3, 5, 1, 2, 4]);
    assert_eq!(
        ids(&format!(
            "{sort}&searchCriteria[pageSize]=2&searchCriteria[currentPage]=2"
        )),
        (vec![1, 2], 5)
    );
    assert_eq!(
        ids(&format!(
            "{sort}&searchCriteria[pageSize]=2&searchCriteria[currentPage]=3"
        )),
        (vec![4], 5)
    );
    // Past the end: empty items, the real total_count.
    assert_eq!(
        ids(&format!(
            "{sort}&searchCriteria[pageSize]=2&searchCriteria[currentPage]=9"
        )),
        (vec![], 5)
    );
    assert_eq!(
        ids(&format!(
            "{}&searchCriteria[pageSize]=1&searchCriteria[currentPage]=2",
            one("price", "30", "gt")
        )),
        (vec![2], 3)
    );
}

// ---------------------------------------------------------------------------------------------
// php_query (PHP main/php_variables.c: php_default_treat_data, php_register_variable_ex)
// ---------------------------------------------------------------------------------------------

#[test]
fn php_query_nesting_and_appending() {
    check_php(
        "a[b][0][c]=1&a[b][0][d]=2",
        json!({"a": {"b": {"0": {"c": "1", "d": "2"}}}}),
    );
    check_php("x[]=1&x[]=2", json!({"x": {"0": "1", "1": "2"}}));
    check_php("x[5]=a&x[]=b", json!({"x": {"5": "a", "6": "b"}}));
    check_php("x[a]=1&x[]=2", json!({"x": {"a": "1", "0": "2"}}));
    check_php("x[05]=a&x[]=b", json!({"x": {"05": "a", "0": "b"}}));
    check_php("x[-5]=a&x[]=b", json!({"x": {"-5": "a", "-4": "b"}}));
    check_php("x[-0]=a&x[]=b", json!({"x": {"-0": "a", "0": "b"}}));
    check_php(
        "a[][b]=1&a[][b]=2",
        json!({"a": {"0": {"b": "1"}, "1": {"b": "2"}}}),
    );
    check_php(
        "a[9223372036854775807]=x&a[]=y",
        json!({"a": {"9223372036854775807": "x"}}),
    );
    check_php("a[ b ]=1", json!({"a": {" b ": "1"}}));
    check_php("a%5Bb%5D=1", json!({"a": {"b": "1"}}));
}

#[test]
fn php_query_overwrites() {
    check_php("a=1&a=2", json!({"a": "2"}));
    check_php("a=1&b=2&a=3", json!({"a": "3", "b": "2"}));
    check_php("a[b]=1&a=2", json!({"a": "2"}));
    check_php("a=2&a[b]=1", json!({"a": {"b": "1"}}));
    check_php("a[x]=1&a[y]=2&a[x]=3", json!({"a": {"x": "3", "y": "2"}}));
}

#[test]
fn php_query_malformed_names() {
    check_php("a[b=1", json!({"a_b": "1"}));
    check_php("a[b.c d[e=1", json!({"a_b_c_d_e": "1"}));
    check_php("a[=1", json!({"a_": "1"}));
    check_php("a.b c=1", json!({"a_b_c": "1"}));
    check_php("a.b[c.d]=1", json!({"a_b": {"c.d": "1"}}));
    check_php("a[b][c=1", json!({"a": {"b": "1"}}));
    check_php("a[][b=1", json!({"a": {"0": "1"}}));
    check_php("a[b]c=1", json!({"a": {"b": "1"}}));
    check_php("a[b]]=1", json!({"a": {"b": "1"}}));
    check_php("a]b=1", json!({"a]b": "1"}));
    check_php("[a]=1&=2&&b&%20=3&+[x]=4", json!({"b": ""}));
    check_php("+a=1&%20%20b=2", json!({"a": "1", "b": "2"}));
}

#[test]
fn php_query_decoding() {
    check_php("a+b=c+d", json!({"a_b": "c d"}));
    check_php("a=%41%2x%4%", json!({"a": "A%2x%4%"}));
    check_php("a%00b=1", json!({"a": "1"}));
    check_php("a=x%00y", json!({"a": "x\u{0}y"}));
    check_php("a=%FF%C3%A9", json!({"a": "\u{FFFD}é"}));
    check_php("a=b=c", json!({"a": "b=c"}));
    check_php("a=1\u{0}&b=2", json!({"a": "1"}));
    check_php(
        "searchCriteria[filter_groups][0][filters][0][value]=a%2Bb+c%25",
        json!({"searchCriteria": {"filter_groups": {"0": {"filters": {"0": {"value": "a+b c%"}}}}}}),
    );
}

#[test]
fn php_query_limits() {
    // max_input_nesting_level: 64 levels are fine, the 65th removes the whole variable.
    let deep = |n: usize| format!("a{}=v", "[x]".repeat(n));
    let parsed = php_query::parse(&deep(64));
    let mut node = &parsed["a"];
    for _ in 0..63 {
        node = &node["x"];
    }
    assert_eq!(node["x"], json!("v"));
    check_php(&format!("a[y]=1&b=2&{}", deep(65)), json!({"b": "2"}));
    // A malformed 65th level still counts as a level.
    check_php(&format!("a{}[z=v", "[x]".repeat(64)), json!({}));
    // max_input_vars: pairs after the 1000th are ignored (empty pairs do not count).
    let many: Vec<String> = (0..1001).map(|i| format!("v{i}=1")).collect();
    let parsed = php_query::parse(&format!("&&{}", many.join("&")));
    assert_eq!(parsed.as_object().map(|m| m.len()), Some(1000));
    assert_eq!(parsed.get("v1000"), None);
    assert_eq!(
        php_query::parse_with_limits("a=1&b=2&c=3", 2, 64).to_string(),
        json!({"a": "1", "b": "2"}).to_string()
    );
}

// ---------------------------------------------------------------------------------------------
// Nothing panics, whatever comes in
// ---------------------------------------------------------------------------------------------

/// A small deterministic generator (no RNG dependency in tests).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }
}

#[test]
fn odd_inputs_never_panic() {
    const PIECES: &[&str] = &[
        "a",
        "[",
        "]",
        "=",
        "&",
        "%",
        "%5B",
        "%5D",
        "%00",
        "%FF",
        "%2",
        ".",
        " ",
        "+",
        "_",
        "é",
        "-",
        "0",
        "1",
        "9223372036854775808",
        "[]",
        "filter_groups",
        "filterGroups",
        "filters",
        "field",
        "value",
        "condition_type",
        "sort_orders",
        "direction",
        "page_size",
        "pageSize",
        "current_page",
        "item",
        "in",
        "finset",
        "like",
        "moreq",
        "asc",
        "DESC",
        "1e999",
        "\u{0}",
    ];
    let mut rng = Lcg(42);
    for _ in 0..20_000 {
        let len = rng.next() % 24;
        let mut q = String::from(if matches!(rng.next() % 4, 0) {
            ""
        } else {
            "searchCriteria["
        });
        for _ in 0..len {
            q.push_str(PIECES[rng.next() % PIECES.len()]);
        }
        let parsed = php_query::parse(&q);
        let params = parsed.as_object().cloned().unwrap_or_default();
        let limits = InputLimits {
            maximum_page_size: Some(300),
            complex_array_limit: Some(20),
            default_page_size: None,
        };
        if let Ok(sc) = SearchCriteria::from_params(&params, &limits) {
            let _ = sc.echo();
            let quoted = |f: &str| Ok::<_, MagentoError>(format!("\"{f}\""));
            let _ = sc.to_sql(&quoted);
            let filter = |f: &Filter| Ok::<_, MagentoError>(FieldSql::Column(f.field.clone()));
            let _ = sc.to_sql_with(FilterStyle::Flat, &filter, &quoted);
        }
    }
    // JSON bodies of any shape.
    let odd = [
        json!(null),
        json!([]),
        json!([1, 2]),
        json!({"0": 1}),
        json!({"filter_groups": [[[]]], "sort_orders": [null, 1, "x", {"item": []}]}),
        json!({"filter_groups": {"item": null}, "page_size": [1], "current_page": {"a": 1}}),
        json!({"filter_groups": [{"filters": {"item": {"0": {"field": 1.5e300}, "1": {"value": -0.0}}}}]}),
        json!({"pageSize": 1e300, "currentPage": -1e300}),
        json!({"sort_orders": [{"direction": 5}]}),
    ];
    for v in odd {
        if let Ok(sc) = SearchCriteria::from_value(&v) {
            let _ = sc.echo();
            let _ = sc.to_sql(&|f: &str| Ok::<_, MagentoError>(f.to_string()));
        }
    }
}
