//! The route table, module by module, like the webapi.xml files it stands for. Each module
//! declares its routes (method, URL, service, ACL resources) next to their handlers.

mod catalog;
mod directory;
mod integration;

use crate::rest::router::Route;

pub fn routes() -> Vec<Route> {
    [
        directory::ROUTES,
        integration::ROUTES,
        catalog::store::ROUTES,
        catalog::products::ROUTES,
        catalog::stock::ROUTES,
        catalog::categories::ROUTES,
        catalog::customers::ROUTES,
        catalog::addresses::ROUTES,
        catalog::customer_groups::ROUTES,
        catalog::attributes::ROUTES,
        catalog::product_extras::ROUTES,
    ]
    .concat()
}
