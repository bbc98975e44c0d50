use magemock_acl::Grant;
use serde::Serialize;

/// `Magento\Integration\Model\Integration::STATUS_*` (Model/Integration/Source/Status.php labels).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(into = "u8")]
pub enum Status {
    Inactive = 0,
    Active = 1,
    /// `STATUS_RECREATED`: a config integration that changed and was re-created ("Reset").
    Recreated = 2,
}

impl From<Status> for u8 {
    fn from(s: Status) -> u8 {
        s as u8
    }
}

impl Status {
    pub fn from_db(v: i64) -> Status {
        match v {
            1 => Status::Active,
            2 => Status::Recreated,
            _ => Status::Inactive,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Inactive => "Inactive",
            Status::Active => "Active",
            Status::Recreated => "Reset",
        }
    }
}

/// `Integration::TYPE_MANUAL` / `TYPE_CONFIG`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(into = "u8")]
pub enum SetupType {
    Manual = 0,
    Config = 1,
}

impl From<SetupType> for u8 {
    fn from(s: SetupType) -> u8 {
        s as u8
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Integration {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub endpoint: Option<String>,
    pub identity_link_url: Option<String>,
    pub status: Status,
    pub setup_type: SetupType,
    pub consumer_id: i64,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consumer {
    pub id: i64,
    pub name: String,
    pub key: String,
    pub secret: String,
    pub created_at: String,
    /// When credentials were last posted to the endpoint: the token-exchange window's start.
    pub updated_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewIntegration {
    pub name: String,
    pub email: String,
    pub endpoint: Option<String>,
    pub identity_link_url: Option<String>,
    pub setup_type: SetupType,
    pub status: Status,
    pub grant: Grant,
}

/// What a control-API update may change; `None` keeps the current value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IntegrationChanges {
    pub name: Option<String>,
    pub email: Option<String>,
    pub endpoint: Option<Option<String>>,
    pub identity_link_url: Option<Option<String>>,
    pub grant: Option<Grant>,
}
