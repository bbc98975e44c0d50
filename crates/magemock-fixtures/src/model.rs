//! A parsed fixture: what each element declares, with the place it was declared, so that
//! [`crate::apply`] can name the element when the store refuses it.

use crate::position::Pos;

pub use crate::packed_products::Products;

/// A value that refers to something (a category, a group, a role) and the place it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    pub value: String,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fixture {
    /// The name given to [`crate::parse`], repeated in every error.
    pub file: String,
    pub config: Vec<ConfigDecl>,
    pub categories: Vec<CategoryDecl>,
    pub websites: Vec<WebsiteDecl>,
    pub customer_groups: Vec<CustomerGroupDecl>,
    pub attributes: Vec<AttributeDecl>,
    pub attribute_sets: Vec<AttributeSetDecl>,
    pub products: Products,
    pub customers: Vec<CustomerDecl>,
    pub roles: Vec<RoleDecl>,
    pub admins: Vec<AdminDecl>,
    pub integrations: Vec<IntegrationDecl>,
}

/// `<config path value/>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigDecl {
    pub pos: Pos,
    pub path: String,
    pub value: String,
}

/// `<website>`: a new website, or (`ref`) an existing one that gets more groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebsiteDecl {
    New {
        pos: Pos,
        code: String,
        name: String,
        sort_order: i64,
        groups: Vec<GroupDecl>,
    },
    Existing {
        pos: Pos,
        code: Ref,
        groups: Vec<GroupDecl>,
    },
}

/// `<group>`: a new store group, or (`ref`) an existing one that gets more stores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupDecl {
    New {
        pos: Pos,
        name: String,
        code: Option<String>,
        root_category: Ref,
        stores: Vec<StoreDecl>,
    },
    Existing {
        pos: Pos,
        code: Ref,
        stores: Vec<StoreDecl>,
    },
}

/// `<store code name/>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreDecl {
    pub pos: Pos,
    pub code: String,
    pub name: String,
    pub sort_order: i64,
    pub is_active: bool,
}

/// `<customerGroup code tax_class_id/>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerGroupDecl {
    pub pos: Pos,
    pub code: String,
    pub tax_class_id: i64,
}

/// `<category>`: a new category with its nested children, or (`ref`) an existing category that
/// gets more children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CategoryDecl {
    New(NewCategoryDecl),
    Existing {
        pos: Pos,
        target: Ref,
        children: Vec<NewCategoryDecl>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCategoryDecl {
    pub pos: Pos,
    pub id: Option<i64>,
    /// Given on a top-level category; nested ones take their parent from the nesting.
    pub parent: Option<Ref>,
    pub name: String,
    pub position: Option<i64>,
    pub is_active: bool,
    pub include_in_menu: bool,
    pub url_key: Option<String>,
    pub children: Vec<NewCategoryDecl>,
}

/// `<attribute code label input type required>` with `<option>`s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeDecl {
    pub pos: Pos,
    pub code: String,
    pub label: String,
    pub input: String,
    pub backend_type: Option<String>,
    pub required: bool,
    pub options: Vec<String>,
}

/// `<attributeSet>`: a new set based on another, or (`ref`) an existing set; either way with
/// `<attribute code/>` children naming attributes to add to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttributeSetDecl {
    New {
        pos: Pos,
        name: String,
        based_on: Ref,
        attributes: Vec<Ref>,
    },
    Existing {
        pos: Pos,
        name: Ref,
        attributes: Vec<Ref>,
    },
}

/// `<product>` with `<category ref/>` and `<attribute code value/>` children; a fixture keeps
/// them packed ([`Products`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ProductDecl {
    pub pos: Pos,
    pub sku: String,
    pub name: String,
    pub price: Option<f64>,
    pub type_id: String,
    pub attribute_set: Ref,
    pub visibility: i64,
    pub status: i64,
    pub weight: Option<f64>,
    pub qty: f64,
    /// `None`: in stock when `qty` is above 0.
    pub is_in_stock: Option<bool>,
    /// Website codes; `None`: every storefront website.
    pub websites: Option<Vec<Ref>>,
    pub categories: Vec<ProductCategoryDecl>,
    pub attributes: Vec<ProductAttributeDecl>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductCategoryDecl {
    pub target: Ref,
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductAttributeDecl {
    pub pos: Pos,
    pub code: String,
    pub value: String,
}

/// `<customer>` with `<address>` children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerDecl {
    pub pos: Pos,
    pub email: String,
    pub password: Option<String>,
    pub firstname: String,
    pub lastname: String,
    pub middlename: Option<String>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    pub dob: Option<String>,
    pub gender: Option<i64>,
    pub taxvat: Option<String>,
    /// Customer group code or id; `None`: General (1).
    pub group: Option<Ref>,
    /// Website code; `None`: the store's website, or the default website.
    pub website: Option<Ref>,
    /// Store code; `None`: the website's default store.
    pub store: Option<Ref>,
    pub is_active: bool,
    pub addresses: Vec<AddressDecl>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressDecl {
    pub pos: Pos,
    /// `None`: the customer's.
    pub firstname: Option<String>,
    pub lastname: Option<String>,
    pub middlename: Option<String>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    pub company: Option<String>,
    pub street: Vec<String>,
    pub city: String,
    pub region: Option<String>,
    pub region_code: Option<String>,
    pub region_id: Option<i64>,
    pub country_id: String,
    pub postcode: Option<String>,
    pub telephone: String,
    pub fax: Option<String>,
    pub vat_id: Option<String>,
    pub default_billing: bool,
    pub default_shipping: bool,
}

/// `<adminRole name all="true"/>` or `<adminRole name>` with `<resource id/>` children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleDecl {
    pub pos: Pos,
    pub name: String,
    /// `None`: all resources.
    pub resources: Option<Vec<String>>,
}

/// `<admin username password firstname lastname email role is_active/>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminDecl {
    pub pos: Pos,
    pub username: String,
    pub password: String,
    pub firstname: String,
    pub lastname: String,
    pub email: String,
    pub role: Ref,
    pub is_active: bool,
}

/// `<integration name email endpoint_url? identity_link_url? all?>` with `<resource id/>`
/// children: a hand-made integration (editable over the control API), its resources expanded
/// with their ancestors as Magento expands a module's integration.xml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntegrationDecl {
    pub pos: Pos,
    pub name: String,
    pub email: String,
    pub endpoint_url: Option<String>,
    pub identity_link_url: Option<String>,
    /// `None`: all resources.
    pub resources: Option<Vec<(Pos, String)>>,
}
