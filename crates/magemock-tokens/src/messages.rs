//! Token-service phrases, verbatim from Magento 2.4.

/// app/code/Magento/Integration/Model/AdminTokenService.php and CustomerTokenService.php (2.4),
/// also RequestThrottler::throttle for a locked account.
pub const SIGN_IN_INCORRECT: &str = "The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later.";
/// app/code/Magento/Customer/Model/AccountManagement.php `authenticate` (EmailNotConfirmedException)
pub const EMAIL_NOT_CONFIRMED: &str = "This account isn't confirmed. Verify and try again.";
