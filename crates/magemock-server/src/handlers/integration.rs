//! app/code/Magento/Integration/etc/webapi.xml: the user token routes.

use magemock_core::{MagentoError, ToMagentoError};
use magemock_tokens::{TokenUser, UserKind};
use serde_json::Value;

use crate::rest::call::Call;
use crate::rest::router::{Forced, Method, Route};

pub const ROUTES: &[Route] = &[
    Route {
        method: Method::Post,
        url: "/V1/integration/admin/token",
        service: "Magento\\Integration\\Api\\AdminTokenServiceInterface::createAdminAccessToken",
        resources: &["anonymous"],
        forced: &[],
        handler: admin_token,
    },
    Route {
        method: Method::Post,
        url: "/V1/tfa/provider/google/authenticate",
        service: "Magento\\TwoFactorAuth\\Api\\GoogleAuthenticateInterface::createAdminAccessToken",
        resources: &["anonymous"],
        forced: &[],
        handler: google_authenticate,
    },
    Route {
        method: Method::Post,
        url: "/V1/integration/customer/token",
        service: "Magento\\Integration\\Api\\CustomerTokenServiceInterface::createCustomerAccessToken",
        resources: &["anonymous"],
        forced: &[],
        handler: customer_token,
    },
    Route {
        method: Method::Post,
        url: "/V1/integration/customer/revoke-customer-token",
        service: "Magento\\Integration\\Api\\CustomerTokenServiceInterface::revokeCustomerAccessToken",
        resources: &["self"],
        forced: &[("customerId", Forced::CustomerId)],
        handler: revoke_customer_token,
    },
];

/// A string-typed service parameter: scalars are cast as PHP would, anything else is absent.
fn string_param(call: &Call<'_>, name: &str) -> Option<String> {
    match call.input.get(name)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(true) => Some("1".into()),
        Value::Bool(false) => Some(String::new()),
        _ => None,
    }
}

fn admin_token(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    call.input.require(&["username", "password"])?;
    let (username, password) = (
        string_param(call, "username"),
        string_param(call, "password"),
    );
    let ctx = call.services.token_context();
    // A refused sign-in still commits: its failure count must stay (Magento writes the request
    // log outside any transaction).
    let outcome = call
        .services
        .store
        .write(|tx| {
            Ok::<_, magemock_core::CoreError>(admin_token_or_2fa(
                tx,
                &ctx,
                username.as_deref(),
                password.as_deref(),
            ))
        })
        .map_err(|e| e.to_magento())?;
    outcome.map(Value::String)
}

/// With two-factor authentication on, the route is TwoFactorAuth's AdminAccessTokenService:
/// the credentials are checked as before, then a 400 points to the provider endpoints.
fn admin_token_or_2fa(
    tx: &rusqlite::Connection,
    ctx: &magemock_tokens::TokenContext<'_>,
    username: Option<&str>,
    password: Option<&str>,
) -> Result<String, MagentoError> {
    if !magemock_tokens::tfa::enabled(tx).map_err(|e| e.to_magento())? {
        return magemock_tokens::create_admin_token(tx, ctx, username, password)
            .map_err(|e| e.to_magento());
    }
    let id =
        magemock_tokens::admin_id_for(tx, ctx, username, password).map_err(|e| e.to_magento())?;
    let refusal = magemock_tokens::tfa::refuse_plain_token(
        tx,
        TokenUser {
            kind: UserKind::Admin,
            id,
        },
    )
    .map_err(|e| e.to_magento())?;
    Err(refusal)
}

/// `POST /V1/tfa/provider/google/authenticate` (only while 2FA is on: without the module the
/// route does not exist).
fn google_authenticate(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let enabled = call
        .services
        .store
        .read(magemock_tokens::tfa::enabled)
        .map_err(|e| e.to_magento())?;
    if !enabled {
        return Err(MagentoError::new(
            magemock_core::ExceptionKind::Webapi(404),
            crate::rest::messages::NO_ROUTE,
            magemock_core::Params::None,
        ));
    }
    call.input.require(&["username", "password", "otp"])?;
    let (username, password) = (
        string_param(call, "username"),
        string_param(call, "password"),
    );
    let otp = string_param(call, "otp").unwrap_or_default();
    let ctx = call.services.token_context();
    let outcome = call
        .services
        .store
        .write(|tx| {
            Ok::<_, magemock_core::CoreError>(magemock_tokens::tfa::google_authenticate(
                tx,
                &ctx,
                username.as_deref(),
                password.as_deref(),
                &otp,
            ))
        })
        .map_err(|e| e.to_magento())?;
    match outcome {
        Ok(Ok(token)) => Ok(Value::String(token)),
        Ok(Err(refused)) => Err(refused),
        Err(e) => Err(e.to_magento()),
    }
}

fn customer_token(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    call.input.require(&["username", "password"])?;
    let (username, password) = (
        string_param(call, "username"),
        string_param(call, "password"),
    );
    let ctx = call.services.token_context();
    let website = call.store.website_id;
    let outcome = call
        .services
        .store
        .write(|tx| {
            Ok::<_, magemock_core::CoreError>(magemock_tokens::create_customer_token(
                tx,
                &ctx,
                username.as_deref(),
                password.as_deref(),
                website,
            ))
        })
        .map_err(|e| e.to_magento())?;
    outcome.map(Value::String).map_err(|e| e.to_magento())
}

/// `revokeCustomerAccessToken($customerId)` with the id forced from the token.
fn revoke_customer_token(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let id = call
        .input
        .get("customerId")
        .and_then(Value::as_i64)
        .ok_or_else(|| MagentoError::required_field("customerId"))?;
    let ctx = call.services.token_context();
    call.services
        .store
        .write(|tx| {
            magemock_tokens::revoke(
                tx,
                &ctx,
                TokenUser {
                    kind: UserKind::Customer,
                    id,
                },
            )
        })
        .map_err(|e| e.to_magento())?;
    Ok(Value::Bool(true))
}
