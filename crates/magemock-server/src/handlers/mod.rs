//! The route table, module by module, like the webapi.xml files it stands for. Each module
//! declares its routes (method, URL, service, ACL resources) next to their handlers.

mod customer;
mod directory;
mod integration;

use crate::rest::router::Route;

pub fn routes() -> Vec<Route> {
    [directory::ROUTES, customer::ROUTES, integration::ROUTES].concat()
}
