-- magemock's own bookkeeping: whether the store was seeded, and how many runs reopened it.
CREATE TABLE magemock_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Magento's core_config_data, reduced to the default scope.
CREATE TABLE core_config_data (
    path  TEXT PRIMARY KEY,
    value TEXT
);
