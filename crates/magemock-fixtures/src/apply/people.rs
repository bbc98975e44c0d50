//! Customers with their addresses, admin roles and admin users.

use magemock_catalog::admins::{self, NewAdminUser, NewRole, Resources};
use magemock_catalog::customer_groups::DEFAULT_GROUP_ID;
use magemock_catalog::customers::{self, NewAddress, NewCustomer, Region};
use magemock_catalog::{password, stores};

use crate::error::{FixtureError, Problem};
use crate::model::{AdminDecl, CustomerDecl, RoleDecl};

use super::Run;

impl Run<'_> {
    pub(super) fn customers(&mut self, decls: &[CustomerDecl]) -> Result<(), FixtureError> {
        for decl in decls {
            let (website_id, store_id) = self.customer_scope(decl)?;
            let group_id = match &decl.group {
                Some(group) => self.customer_group_ref(group)?,
                None => DEFAULT_GROUP_ID,
            };
            let addresses: Vec<NewAddress> = decl
                .addresses
                .iter()
                .map(|a| NewAddress {
                    firstname: a
                        .firstname
                        .clone()
                        .unwrap_or_else(|| decl.firstname.clone()),
                    lastname: a.lastname.clone().unwrap_or_else(|| decl.lastname.clone()),
                    middlename: a.middlename.clone(),
                    prefix: a.prefix.clone(),
                    suffix: a.suffix.clone(),
                    company: a.company.clone(),
                    street: a.street.clone(),
                    city: a.city.clone(),
                    region: Region {
                        region: a.region.clone(),
                        region_code: a.region_code.clone(),
                        region_id: a.region_id,
                    },
                    country_id: a.country_id.clone(),
                    postcode: a.postcode.clone(),
                    telephone: a.telephone.clone(),
                    fax: a.fax.clone(),
                    vat_id: a.vat_id.clone(),
                    default_billing: a.default_billing,
                    default_shipping: a.default_shipping,
                })
                .collect();
            let new = NewCustomer {
                website_id,
                store_id,
                group_id,
                email: decl.email.clone(),
                firstname: decl.firstname.clone(),
                lastname: decl.lastname.clone(),
                middlename: decl.middlename.clone(),
                prefix: decl.prefix.clone(),
                suffix: decl.suffix.clone(),
                dob: decl.dob.clone(),
                gender: decl.gender,
                taxvat: decl.taxvat.clone(),
                password_hash: decl
                    .password
                    .as_deref()
                    .map(|p| password::hash(self.entropy, p)),
                is_active: decl.is_active,
                disable_auto_group_change: false,
                addresses,
            };
            self.at(
                decl.pos,
                customers::insert_customer(self.conn, &new, &self.now),
            )?;
            self.report.customers += 1;
            self.report.addresses += decl.addresses.len();
        }
        Ok(())
    }

    /// The customer's website and store: the given store (and its website), the given
    /// website's default store, or the default website's default store.
    fn customer_scope(&self, decl: &CustomerDecl) -> Result<(i64, i64), FixtureError> {
        let website = match &decl.website {
            Some(r) => Some(self.website_ref(r)?),
            None => None,
        };
        if let Some(store_ref) = &decl.store {
            let store = self.store_ref(store_ref)?;
            if let Some(w) = website.as_ref().filter(|w| w.id != store.website_id) {
                return Err(self.fail(
                    store_ref.pos,
                    Problem::Structure(format!(
                        "store `{}` is not in website `{}`",
                        store_ref.value, w.code
                    )),
                ));
            }
            return Ok((store.website_id, store.id));
        }
        let website = match website {
            Some(w) => w,
            None => self
                .at(decl.pos, stores::default_website(self.conn))?
                .ok_or_else(|| {
                    self.fail(
                        decl.pos,
                        Problem::Structure(
                            "there is no storefront website for this customer: declare a <website> first"
                                .to_string(),
                        ),
                    )
                })?,
        };
        let store = self
            .at(
                decl.pos,
                stores::website_default_store(self.conn, website.id),
            )?
            .ok_or_else(|| {
                self.fail(
                    decl.pos,
                    Problem::Structure(format!(
                        "website `{}` has no store view for this customer",
                        website.code
                    )),
                )
            })?;
        Ok((website.id, store.id))
    }

    pub(super) fn roles(&mut self, decls: &[RoleDecl]) -> Result<(), FixtureError> {
        for decl in decls {
            let new = NewRole {
                name: decl.name.clone(),
                resources: match &decl.resources {
                    Some(list) => Resources::Some(list.clone()),
                    None => Resources::All,
                },
            };
            self.at(decl.pos, admins::insert_role(self.conn, &new))?;
            self.report.roles += 1;
        }
        Ok(())
    }

    pub(super) fn admins(&mut self, decls: &[AdminDecl]) -> Result<(), FixtureError> {
        for decl in decls {
            // The role first: a refused admin draws no salt.
            let role_id = self.role_ref(&decl.role)?;
            let new = NewAdminUser {
                username: decl.username.clone(),
                firstname: decl.firstname.clone(),
                lastname: decl.lastname.clone(),
                email: decl.email.clone(),
                password_hash: password::hash(self.entropy, &decl.password),
                is_active: decl.is_active,
                role_id,
            };
            self.at(
                decl.pos,
                admins::insert_admin_user(self.conn, &new, &self.now),
            )?;
            self.report.admins += 1;
        }
        Ok(())
    }
}

impl Run<'_> {
    pub(super) fn integrations(
        &mut self,
        decls: &[crate::model::IntegrationDecl],
    ) -> Result<(), FixtureError> {
        use magemock_acl::{AclResourceId, Grant};
        use magemock_registry::{NewIntegration, SetupType, Status};
        for decl in decls {
            let grant = match &decl.resources {
                None => Grant::All,
                Some(list) => {
                    let mut ids = Vec::with_capacity(list.len());
                    for (pos, id) in list {
                        let id = AclResourceId::try_from(id.as_str())
                            .map_err(|e| self.fail(*pos, Problem::Structure(e.to_string())))?;
                        if !self.acl.contains(&id) {
                            return Err(self.fail(
                                *pos,
                                Problem::UnknownReference {
                                    kind: "ACL resource",
                                    value: id.to_string(),
                                },
                            ));
                        }
                        ids.push(id);
                    }
                    self.acl
                        .expand(&ids)
                        .map_err(|e| self.fail(decl.pos, Problem::Structure(e.to_string())))?
                }
            };
            let new = NewIntegration {
                name: decl.name.clone(),
                email: decl.email.clone(),
                endpoint: decl.endpoint_url.clone(),
                identity_link_url: decl.identity_link_url.clone(),
                setup_type: SetupType::Manual,
                status: Status::Inactive,
                grant,
            };
            let ctx = magemock_registry::RegistryContext {
                clock: self.clock,
                entropy: self.entropy,
            };
            magemock_registry::stored::create(self.conn, &ctx, &new)
                .map_err(|e| self.fail(decl.pos, e))?;
            self.report.integrations += 1;
        }
        Ok(())
    }
}
