//! `<customer>` with `<address>`, `<adminRole>` with `<resource>`, and `<admin>`.

use magemock_catalog::customers::{GENDER_FEMALE, GENDER_MALE, GENDER_NOT_SPECIFIED};

use crate::error::Problem;
use crate::model::{AddressDecl, AdminDecl, CustomerDecl, IntegrationDecl, RoleDecl};
use crate::xml_tree::Element;

use super::Parser;
use super::fields::{Failure, Fields, bad, no_children, no_text, unknown_child};

const GENDERS: &[(i64, &str)] = &[
    (GENDER_MALE, "male"),
    (GENDER_FEMALE, "female"),
    (GENDER_NOT_SPECIFIED, "not_specified"),
];

impl Parser {
    pub(super) fn customer(&mut self, el: &Element) -> Result<(), Failure> {
        let f = Fields::check(
            el,
            &[
                "email",
                "password",
                "firstname",
                "lastname",
                "middlename",
                "prefix",
                "suffix",
                "dob",
                "gender",
                "taxvat",
                "group",
                "website",
                "store",
                "is_active",
            ],
        )?;
        no_text(el)?;
        // E-mail uniqueness depends on the website and on customer/account_share/scope: the
        // store checks it when loading.
        let email = f.text("email")?;
        let mut addresses = Vec::new();
        for child in &el.children {
            match child.name.as_str() {
                "address" => addresses.push(address(child)?),
                _ => return Err(unknown_child(child, el, &["address"])),
            }
        }
        let gender = match f.attr("gender") {
            Some(_) => Some(f.choice_or("gender", GENDERS, GENDER_NOT_SPECIFIED)?),
            None => None,
        };
        self.fixture.customers.push(CustomerDecl {
            pos: el.pos,
            password: f.opt_text("password"),
            firstname: f.text("firstname")?,
            lastname: f.text("lastname")?,
            middlename: f.opt_text("middlename"),
            prefix: f.opt_text("prefix"),
            suffix: f.opt_text("suffix"),
            dob: f.opt_text("dob"),
            gender,
            taxvat: f.opt_text("taxvat"),
            group: f.opt_reference("group")?,
            website: f.opt_reference("website")?,
            store: f.opt_reference("store")?,
            is_active: f.flag_or("is_active", true)?,
            addresses,
            email,
        });
        Ok(())
    }

    pub(super) fn role(&mut self, el: &Element) -> Result<(), Failure> {
        let f = Fields::check(el, &["name", "all"])?;
        no_text(el)?;
        let name = f.text("name")?;
        self.unique("admin role", &name, el.pos)?;
        let mut resources = Vec::new();
        for child in &el.children {
            match child.name.as_str() {
                "resource" => {
                    let rf = Fields::check(child, &["id"])?;
                    no_children(child)?;
                    no_text(child)?;
                    let id = rf.text("id")?;
                    if let Some(attr) = rf.attr("id").filter(|_| !is_acl_resource_id(id.trim())) {
                        return Err(bad(
                            attr,
                            "an ACL resource id such as `Magento_Catalog::products`",
                        ));
                    }
                    resources.push(id.trim().to_string());
                }
                _ => return Err(unknown_child(child, el, &["resource"])),
            }
        }
        let all = f.flag_or("all", false)?;
        let resources = match (all, resources.is_empty()) {
            (true, true) => None,
            (false, false) => Some(resources),
            (true, false) => {
                return Err((
                    el.pos,
                    Problem::Structure(format!(
                        "role `{name}` has `all=\"true\"` and <resource> children; give one"
                    )),
                ));
            }
            (false, true) => {
                return Err((
                    el.pos,
                    Problem::Structure(format!(
                        "role `{name}` grants nothing: add `all=\"true\"` or <resource id=\"...\"/> children"
                    )),
                ));
            }
        };
        self.fixture.roles.push(RoleDecl {
            pos: el.pos,
            name,
            resources,
        });
        Ok(())
    }

    pub(super) fn admin(&mut self, el: &Element) -> Result<(), Failure> {
        let f = Fields::check(
            el,
            &[
                "username",
                "password",
                "firstname",
                "lastname",
                "email",
                "role",
                "is_active",
            ],
        )?;
        no_children(el)?;
        no_text(el)?;
        let username = f.text("username")?;
        self.unique("admin user name", username.trim(), el.pos)?;
        self.fixture.admins.push(AdminDecl {
            pos: el.pos,
            password: f.text("password")?,
            firstname: f.text("firstname")?,
            lastname: f.text("lastname")?,
            email: f.text("email")?,
            role: f.reference("role")?,
            is_active: f.flag_or("is_active", true)?,
            username,
        });
        Ok(())
    }
}

fn address(el: &Element) -> Result<AddressDecl, Failure> {
    let f = Fields::check(
        el,
        &[
            "firstname",
            "lastname",
            "middlename",
            "prefix",
            "suffix",
            "company",
            "street",
            "city",
            "region",
            "region_code",
            "region_id",
            "country_id",
            "postcode",
            "telephone",
            "fax",
            "vat_id",
            "default_billing",
            "default_shipping",
        ],
    )?;
    no_text(el)?;
    let mut street: Vec<String> = f.opt_text("street").into_iter().collect();
    for child in &el.children {
        match child.name.as_str() {
            "street" => {
                Fields::check(child, &[])?;
                no_children(child)?;
                if let Some(attr) = f.attr("street") {
                    return Err((
                        attr.pos,
                        Problem::Structure(
                            "give the street as the `street` attribute or as <street> lines, not both"
                                .to_string(),
                        ),
                    ));
                }
                street.push(child.text.trim().to_string());
            }
            _ => return Err(unknown_child(child, el, &["street"])),
        }
    }
    if street.iter().all(|line| line.is_empty()) {
        return Err((
            el.pos,
            Problem::MissingAttribute {
                element: "address".to_string(),
                attribute: "street".to_string(),
            },
        ));
    }
    Ok(AddressDecl {
        pos: el.pos,
        firstname: f.opt_text("firstname"),
        lastname: f.opt_text("lastname"),
        middlename: f.opt_text("middlename"),
        prefix: f.opt_text("prefix"),
        suffix: f.opt_text("suffix"),
        company: f.opt_text("company"),
        street,
        city: f.text("city")?,
        region: f.opt_text("region"),
        region_code: f.opt_text("region_code"),
        region_id: f.opt_int("region_id")?,
        country_id: f.text("country_id")?,
        postcode: f.opt_text("postcode"),
        telephone: f.text("telephone")?,
        fax: f.opt_text("fax"),
        vat_id: f.opt_text("vat_id"),
        default_billing: f.flag_or("default_billing", false)?,
        default_shipping: f.flag_or("default_shipping", false)?,
    })
}

/// `Vendor_Module::resource`, the shape of an ACL resource id in Magento's acl.xsd
/// (`[A-Z]+[a-zA-Z0-9]{1,}[_][A-Z]+[A-Z0-9a-z]{1,}::[A-Za-z_0-9]{1,}`).
fn is_acl_resource_id(id: &str) -> bool {
    let Some((module, resource)) = id.split_once("::") else {
        return false;
    };
    let Some((vendor, name)) = module.split_once('_') else {
        return false;
    };
    let word = |s: &str| {
        s.len() >= 2
            && s.starts_with(|c: char| c.is_ascii_uppercase())
            && s.chars().all(|c| c.is_ascii_alphanumeric())
    };
    word(vendor)
        && word(name)
        && !resource.is_empty()
        && resource
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl Parser {
    pub(super) fn integration(&mut self, el: &Element) -> Result<(), Failure> {
        let f = Fields::check(
            el,
            &["name", "email", "endpoint_url", "identity_link_url", "all"],
        )?;
        no_text(el)?;
        let name = f.text("name")?;
        self.unique("integration", &name, el.pos)?;
        let all = f.flag_or("all", false)?;
        let mut resources = Vec::new();
        for child in &el.children {
            match child.name.as_str() {
                "resource" => {
                    let r = Fields::check(child, &["id"])?;
                    no_children(child)?;
                    no_text(child)?;
                    resources.push((child.pos, r.text("id")?));
                }
                _ => return Err(unknown_child(child, el, &["resource"])),
            }
        }
        if all && !resources.is_empty() {
            return Err((
                el.pos,
                Problem::Structure(
                    "<integration all=\"true\"> takes no <resource> children".into(),
                ),
            ));
        }
        self.fixture.integrations.push(IntegrationDecl {
            pos: el.pos,
            email: f.text("email")?,
            endpoint_url: f.opt_text("endpoint_url"),
            identity_link_url: f.opt_text("identity_link_url"),
            resources: if all { None } else { Some(resources) },
            name,
        });
        Ok(())
    }
}
