//! The admin page's words, verbatim from Magento's admin controllers, with the file that says
//! them. `%1` is the integration's name (or id), filled with `Params::positional`.

/// Controller/Adminhtml/Integration/Delete.php (and Save.php's redirects).
pub const ID_MISSING: &str = "Integration ID is not specified or is invalid.";
/// Controller/Adminhtml/Integration/Delete.php.
pub const NO_LONGER_EXISTS: &str = "This integration no longer exists.";
/// Controller/Adminhtml/Integration/Delete.php, for a config-made integration.
pub const UNINSTALL_TO_REMOVE: &str = "Uninstall the extension to remove integration '%1'.";
/// Controller/Adminhtml/Integration/Delete.php.
pub const DELETED: &str = "The integration '%1' has been deleted.";
/// Controller/Adminhtml/Integration/Save.php `processData`.
pub const SAVED: &str = "The integration '%1' has been saved.";
/// Controller/Adminhtml/Integration/Save.php `performSecurityCheck`.
pub const INVALID_PASSWORD: &str = "You have entered an invalid password for current user.";
/// Controller/Adminhtml/Integration/Save.php, for a config-made integration.
pub const CONFIG_NOT_EDITABLE: &str = "Cannot edit integrations created via config file.";
/// Controller/Adminhtml/Integration/Edit.php (the page title).
pub const EDIT_TITLE: &str = "Edit \"%1\" Integration";
/// Controller/Adminhtml/Integration/TokensExchange.php `_setActivationInProcessMsg`.
pub const SENT_FOR_ACTIVATION: &str = "Integration '%1' has been sent for activation.";
/// Controller/Adminhtml/Integration/TokensExchange.php `_setActivationInProcessMsg`.
pub const SENT_FOR_REAUTHORIZATION: &str = "Integration '%1' has been sent for re-authorization.";
/// Controller/Adminhtml/Integration/TokensDialog.php `_setActivationSuccessMsg`.
pub const ACTIVATED: &str = "The integration '%1' has been activated.";
/// Controller/Adminhtml/Integration/TokensDialog.php `_setActivationSuccessMsg`.
pub const REAUTHORIZED: &str = "The integration '%1' has been re-authorized.";
/// The refused sign-in: the token service's words (Magento\Backend\Model\Auth::throwException
/// says the same).
pub use magemock_tokens::messages::SIGN_IN_INCORRECT as SIGN_IN_REFUSED;
/// Magento\Backend\Controller\Adminhtml\Auth\Logout.
pub const LOGGED_OUT: &str = "You have logged out.";
/// Magento\Backend\App\AbstractAction `_processUrlKeys`, for a stale or missing form key.
pub const INVALID_FORM_KEY: &str = "Invalid Form Key. Please refresh the page.";

/// `template` with `%1` filled.
pub fn with(template: &str, value: impl std::fmt::Display) -> String {
    magemock_core::Params::positional([value.to_string()]).render(template)
}
