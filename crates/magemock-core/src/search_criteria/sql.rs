//! The collection processors and `Mysql::prepareSqlCondition` (2.4 copy 7192b80), rendered for
//! SQLite. Values are always bound, never interpolated.
//!
//! What MySQL does that SQLite would not, and how it is copied:
//!
//! * Magento's tables use a case-insensitive collation: `=`, `<`, `IN`, `FIND_IN_SET` and
//!   `ORDER BY` compare text with `COLLATE NOCASE` (ASCII folding only; MySQL also folds accents
//!   and ignores trailing spaces in `=`, which is not copied).
//! * Magento quotes every value as a string and MySQL converts it by the column's type. Values
//!   are bound as TEXT here and SQLite's affinity rules do the same conversion: a column (or a
//!   `CAST(... AS REAL)`) with numeric affinity compares `price > '30'` numerically, a TEXT column
//!   compares `sku = '007'` as text. A column expression without affinity (a bare function call)
//!   would compare TEXT against numbers and match nothing, so the caller must give numeric
//!   attributes an expression with numeric affinity. Left as MySQL-only: a non-numeric string
//!   against a number column (`status = 'abc'` is `status = 0` in MySQL, no match here).
//! * MySQL's `LIKE` has `\` as escape character: `ESCAPE '\'` is added.
//! * `FIND_IN_SET(?, col)` does not exist: it becomes an `instr` over `,col,`, with MySQL's
//!   corner cases (an empty set matches nothing, a value containing a comma matches nothing).

use rusqlite::types::Value;

use super::{Condition, Direction, Filter, SearchCriteria};
use crate::error::MagentoError;

/// A `WHERE` / `ORDER BY` / `LIMIT` for the caller to splice into its own `SELECT`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SqlQuery {
    /// `""` or a boolean expression (no `WHERE` keyword); also right for the `COUNT(*)` that
    /// gives `total_count`, which Magento computes without the limit.
    pub where_sql: String,
    /// The values for the `?` of `where_sql`, in order.
    pub params: Vec<Value>,
    /// `""` or `ORDER BY ...`.
    pub order_sql: String,
    /// `(limit, offset)`. A page past the end still gets its offset: 2.4's REST collections no
    /// longer snap to the last page (§5.5 of the reference), so the page is just empty.
    pub limit: Option<(i64, i64)>,
}

impl SqlQuery {
    /// `""` or `WHERE <where_sql>`.
    pub fn where_clause(&self) -> String {
        if self.where_sql.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.where_sql)
        }
    }

    /// `""` or `LIMIT n OFFSET m`.
    pub fn limit_clause(&self) -> String {
        match self.limit {
            Some((limit, offset)) => format!("LIMIT {limit} OFFSET {offset}"),
            None => String::new(),
        }
    }
}

/// Which `FilterProcessor` the route's repository uses; they differ only for condition types
/// `prepareSqlCondition` does not know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FilterStyle {
    /// `Magento\Eav\Model\Api\SearchCriteria\CollectionProcessor\FilterProcessor` (products,
    /// customers, categories): each condition is `['attribute' => $field, $type => $value]`, so
    /// an unknown type ORs over both entries: `(f = '<field name>' OR f = '<value>')`.
    #[default]
    Eav,
    /// `Magento\Framework\Api\SearchCriteria\CollectionProcessor\FilterProcessor` (flat tables
    /// such as customer groups): `[$type => $value]`, so an unknown type is `f = '<value>'`; it
    /// also turns `fulltext` into `like '%<value>%'`.
    Flat,
}

/// What the caller makes of one filter's field.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldSql {
    /// Apply the condition to this SQL expression (a column, or an expression with the affinity
    /// Magento's column type would give).
    Column(String),
    /// A ready condition, as a Magento `CustomFilterInterface` (e.g. products' `category_id`)
    /// applies: `apply()` adds its own WHERE, so it is AND-ed on its own instead of OR-ed with
    /// the other filters of its group.
    Custom { sql: String, params: Vec<Value> },
}

impl SearchCriteria {
    /// The SQL for an EAV-backed list, with `column` mapping a Magento field to an SQL
    /// expression for filters and sort orders alike; the caller decides unknown fields (a filter
    /// sent without a field reaches it as `""`, where Magento fails on the null attribute too).
    pub fn to_sql(
        &self,
        column: &dyn Fn(&str) -> Result<String, MagentoError>,
    ) -> Result<SqlQuery, MagentoError> {
        let filter = |f: &Filter| column(&f.field).map(FieldSql::Column);
        self.to_sql_with(FilterStyle::Eav, &filter, column)
    }

    /// [`SearchCriteria::to_sql`] with the filter processor chosen and custom filters possible.
    ///
    /// Filters in a group are OR-ed, groups AND-ed (one `addFieldToFilter` per group). `from`
    /// and `to` are two separate filters: in one group they are OR-ed (`f >= a OR f <= b`, which
    /// matches almost everything); only in two groups do they form a range. The combined
    /// `['from' => a, 'to' => b]` form of `prepareSqlCondition` is never reached from REST.
    pub fn to_sql_with(
        &self,
        style: FilterStyle,
        filter: &dyn Fn(&Filter) -> Result<FieldSql, MagentoError>,
        sort_column: &dyn Fn(&str) -> Result<String, MagentoError>,
    ) -> Result<SqlQuery, MagentoError> {
        let mut query = SqlQuery::default();
        let mut clauses = Vec::new();
        for group in &self.filter_groups {
            let mut ors = Vec::new();
            let mut or_params = Vec::new();
            for f in &group.filters {
                match filter(f)? {
                    FieldSql::Custom { sql, params } => {
                        clauses.push(format!("({sql})"));
                        query.params.extend(params);
                    }
                    FieldSql::Column(col) => {
                        let (sql, params) = condition(style, f, &col)?;
                        ors.push(sql);
                        or_params.extend(params);
                    }
                }
            }
            match ors.len() {
                0 => {}
                1 => clauses.extend(ors),
                _ => clauses.push(format!("({})", ors.join(" OR "))),
            }
            query.params.extend(or_params);
        }
        query.where_sql = clauses.join(" AND ");
        query.order_sql = self.order_sql(sort_column)?;
        query.limit = self.limit();
        Ok(query)
    }

    /// `SortingProcessor::applyOrders` into `AbstractDb::_setOrder`: a sort order without a field
    /// is skipped, anything but `ASC` sorts DESC, and a field sorted twice keeps only its last
    /// direction, moved to the end.
    fn order_sql(
        &self,
        sort_column: &dyn Fn(&str) -> Result<String, MagentoError>,
    ) -> Result<String, MagentoError> {
        let mut orders: Vec<(&str, &'static str)> = Vec::new();
        for sort in &self.sort_orders {
            if sort.field.is_empty() {
                continue;
            }
            let direction = if sort.direction == Direction::Asc {
                "ASC"
            } else {
                "DESC"
            };
            orders.retain(|(field, _)| *field != sort.field);
            orders.push((&sort.field, direction));
        }
        if orders.is_empty() {
            return Ok(String::new());
        }
        let mut terms = Vec::with_capacity(orders.len());
        for (field, direction) in orders {
            let col = sort_column(field)?;
            terms.push(format!("{} COLLATE NOCASE {direction}", operand(&col)));
        }
        Ok(format!("ORDER BY {}", terms.join(", ")))
    }

    /// `AbstractDb::_renderLimit` and `Zend_Db_Select::limitPage`: no LIMIT unless the page size
    /// is truthy (so `0` means everything), a size below 1 becomes 1, a page below 1 (or none)
    /// becomes 1.
    fn limit(&self) -> Option<(i64, i64)> {
        let size = self.page_size.filter(|&s| s != 0)?.max(1);
        let page = self.current_page.unwrap_or(1).max(1);
        Some((size, size.saturating_mul(page - 1)))
    }
}

/// `prepareSqlCondition` for one filter. A missing value is PHP's `null`, which PDO quotes as
/// `''`.
fn condition(
    style: FilterStyle,
    f: &Filter,
    col: &str,
) -> Result<(String, Vec<Value>), MagentoError> {
    let value = f.value.clone().unwrap_or_default();
    let c = operand(col);
    let compare = |op: &str| (format!("{c} COLLATE NOCASE {op} ?"), vec![text(&value)]);
    Ok(match &f.condition_type {
        Condition::Eq => compare("="),
        Condition::Neq => compare("!="),
        Condition::Gt => compare(">"),
        Condition::Lt => compare("<"),
        Condition::Gteq | Condition::From => compare(">="),
        Condition::Lteq | Condition::To => compare("<="),
        Condition::Like => like(&c, "LIKE", &value),
        Condition::Nlike => like(&c, "NOT LIKE", &value),
        Condition::In => in_list(&c, "IN", &value),
        Condition::Nin => in_list(&c, "NOT IN", &value),
        Condition::Null => (format!("{c} IS NULL"), Vec::new()),
        Condition::Notnull => (format!("{c} IS NOT NULL"), Vec::new()),
        Condition::Finset => find_in_set(&c, &value, false),
        Condition::Nfinset => find_in_set(&c, &value, true),
        Condition::Moreq => unknown(style, f, &c, &value),
        Condition::Other(name) => match (name.as_str(), style) {
            // Keys of prepareSqlCondition's map outside the documented seventeen.
            ("regexp", _) => (format!("{c} REGEXP ?"), vec![text(&value)]),
            // `_transformStringSqlCondition`: an empty string means NULL.
            ("seq", _) if value.is_empty() => (format!("{c} IS NULL"), Vec::new()),
            ("seq", _) => compare("="),
            ("sneq", _) if value.is_empty() => (format!("{c} IS NOT NULL"), Vec::new()),
            ("sneq", _) => compare("!="),
            // `IS '<value>'` is a MySQL syntax error, and INET_NTOA has no SQLite twin.
            ("is" | "ntoa", _) => {
                return Err(MagentoError::internal(format!(
                    "searchCriteria condition type {name:?} is not emulated"
                )));
            }
            ("fulltext", FilterStyle::Flat) => like(&c, "LIKE", &format!("%{value}%")),
            _ => unknown(style, f, &c, &value),
        },
    })
}

/// A condition type `prepareSqlCondition`'s map lacks (`moreq` among them): the condition array
/// is read as a list of OR-ed `eq` conditions over its entries.
fn unknown(style: FilterStyle, f: &Filter, c: &str, value: &str) -> (String, Vec<Value>) {
    match style {
        FilterStyle::Eav => (
            format!("({c} COLLATE NOCASE = ? OR {c} COLLATE NOCASE = ?)"),
            vec![text(&f.field), text(value)],
        ),
        FilterStyle::Flat => (format!("{c} COLLATE NOCASE = ?"), vec![text(value)]),
    }
}

/// `%` and `_` pass through as wildcards; a trailing lone `\` is doubled so it matches a literal
/// backslash as in MySQL instead of matching nothing in SQLite.
fn like(c: &str, op: &str, value: &str) -> (String, Vec<Value>) {
    let trailing = value.bytes().rev().take_while(|&b| b == b'\\').count();
    let pattern = if trailing % 2 == 1 {
        format!("{value}\\")
    } else {
        value.to_string()
    };
    (
        format!("{c} {op} ? ESCAPE '\\'"),
        vec![Value::Text(pattern)],
    )
}

/// `in` / `nin`: a string value is `explode(',', ...)`, without trimming.
fn in_list(c: &str, op: &str, value: &str) -> (String, Vec<Value>) {
    let items: Vec<Value> = value.split(',').map(text).collect();
    let marks = vec!["?"; items.len()].join(", ");
    (format!("{c} COLLATE NOCASE {op} ({marks})"), items)
}

/// MySQL's `FIND_IN_SET(?, col)` (and `NOT FIND_IN_SET`): position of the value among the
/// comma-separated members, 0 for an empty set or a value containing a comma, NULL for NULL.
fn find_in_set(c: &str, value: &str, negate: bool) -> (String, Vec<Value>) {
    if value.contains(',') {
        let sql = if negate {
            format!("{c} IS NOT NULL")
        } else {
            "0".to_string()
        };
        return (sql, Vec::new());
    }
    let found =
        format!("({c} != '' AND instr(',' || lower({c}) || ',', ',' || lower(?) || ',') > 0)");
    let sql = if negate {
        format!("NOT {found}")
    } else {
        found
    };
    (sql, vec![text(value)])
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

/// The caller's expression, parenthesised unless it is a plain (qualified, quoted) column name,
/// so that `COLLATE` and `||` apply to all of it.
fn operand(col: &str) -> String {
    let plain = !col.is_empty()
        && col.chars().all(|ch| {
            ch.is_ascii_alphanumeric() || matches!(ch, '_' | '.' | '"' | '`' | '[' | ']')
        });
    if plain {
        col.to_string()
    } else {
        format!("({col})")
    }
}
