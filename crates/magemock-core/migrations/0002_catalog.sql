-- The catalog side of the store: store structure, customer groups, EAV-lite attributes and
-- attribute sets, categories, products with their values, links and stock, customers and their
-- addresses. Table and column names are Magento 2.4's (the db_schema.xml of Magento_Store,
-- Magento_Customer, Magento_Eav, Magento_Catalog and Magento_CatalogInventory) so that anyone
-- who knows Magento's database can read this one.
--
-- Seeded here: what every Magento install has before anyone configures a storefront (the admin
-- scope 0, the "Root Catalog" category 1, the four default customer groups, the EAV entity types
-- with their "Default" attribute sets, the system product attributes and the default stock).
-- The storefront itself (website `base`, store `default`, category 2 "Default Category") comes
-- from a fixture, so that a fixture can describe another store structure from a clean start.
--
-- Ids are `INTEGER PRIMARY KEY` (SQLite's max(rowid) + 1), never AUTOINCREMENT: the same
-- fixture on a fresh store always gives the same ids, which snapshots depend on.
--
-- Timestamps of seeded rows are a fixed instant: migrations have no clock, and a fixed value
-- keeps a fresh store byte-identical from run to run.

------------------------------------------------------------------------------------------------
-- Store structure: app/code/Magento/Store/etc/db_schema.xml
------------------------------------------------------------------------------------------------

CREATE TABLE store_website (
    website_id       INTEGER PRIMARY KEY,
    code             TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    name             TEXT    NOT NULL,
    sort_order       INTEGER NOT NULL DEFAULT 0,
    default_group_id INTEGER NOT NULL DEFAULT 0,
    is_default       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE store_group (
    group_id         INTEGER PRIMARY KEY,
    website_id       INTEGER NOT NULL REFERENCES store_website(website_id) ON DELETE CASCADE,
    name             TEXT    NOT NULL,
    -- No foreign key: the admin group's root is 0, which is no category.
    root_category_id INTEGER NOT NULL DEFAULT 0,
    default_store_id INTEGER NOT NULL DEFAULT 0,
    code             TEXT    NOT NULL UNIQUE COLLATE NOCASE
);
CREATE INDEX store_group_website_id ON store_group(website_id);

CREATE TABLE store (
    store_id   INTEGER PRIMARY KEY,
    code       TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    website_id INTEGER NOT NULL REFERENCES store_website(website_id) ON DELETE CASCADE,
    group_id   INTEGER NOT NULL REFERENCES store_group(group_id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    sort_order INTEGER NOT NULL DEFAULT 0,
    is_active  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX store_website_id ON store(website_id);
CREATE INDEX store_group_id ON store(group_id);

-- Magento\Store\Setup\Patch\Schema\InitializeStoresAndWebsites (admin scope) and
-- Magento\Store\Setup\Patch\Data\UpdateStoreGroupCodes (group code derived from "Default").
INSERT INTO store_website (website_id, code, name, sort_order, default_group_id, is_default)
VALUES (0, 'admin', 'Admin', 0, 0, 0);
INSERT INTO store_group (group_id, website_id, name, root_category_id, default_store_id, code)
VALUES (0, 0, 'Default', 0, 0, 'default');
INSERT INTO store (store_id, code, website_id, group_id, name, sort_order, is_active)
VALUES (0, 'admin', 0, 0, 'Admin', 0, 1);

------------------------------------------------------------------------------------------------
-- Customer groups: app/code/Magento/Customer/etc/db_schema.xml
------------------------------------------------------------------------------------------------

CREATE TABLE customer_group (
    customer_group_id   INTEGER PRIMARY KEY,
    customer_group_code TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    tax_class_id        INTEGER NOT NULL DEFAULT 0
);

-- Magento\Customer\Setup\Patch\Data\DefaultCustomerGroupsAndAttributes; tax class 3 is
-- "Retail Customer".
INSERT INTO customer_group (customer_group_id, customer_group_code, tax_class_id) VALUES
    (0, 'NOT LOGGED IN', 3),
    (1, 'General', 3),
    (2, 'Wholesale', 3),
    (3, 'Retailer', 3);

------------------------------------------------------------------------------------------------
-- EAV-lite: app/code/Magento/Eav/etc/db_schema.xml, reduced to what the catalog API shows.
------------------------------------------------------------------------------------------------

CREATE TABLE eav_entity_type (
    entity_type_id           INTEGER PRIMARY KEY,
    entity_type_code         TEXT    NOT NULL UNIQUE,
    default_attribute_set_id INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE eav_attribute_set (
    attribute_set_id   INTEGER PRIMARY KEY,
    entity_type_id     INTEGER NOT NULL REFERENCES eav_entity_type(entity_type_id),
    attribute_set_name TEXT    NOT NULL COLLATE NOCASE,
    sort_order         INTEGER NOT NULL DEFAULT 0,
    UNIQUE (entity_type_id, attribute_set_name)
);

CREATE TABLE eav_attribute (
    attribute_id    INTEGER PRIMARY KEY,
    entity_type_id  INTEGER NOT NULL REFERENCES eav_entity_type(entity_type_id),
    attribute_code  TEXT    NOT NULL,
    frontend_label  TEXT,
    frontend_input  TEXT,
    -- static (a column of the entity table), varchar, int, text, decimal or datetime.
    backend_type    TEXT    NOT NULL DEFAULT 'static',
    is_required     INTEGER NOT NULL DEFAULT 0,
    is_user_defined INTEGER NOT NULL DEFAULT 0,
    is_unique       INTEGER NOT NULL DEFAULT 0,
    default_value   TEXT,
    UNIQUE (entity_type_id, attribute_code)
);

-- Magento keeps option labels per store in eav_attribute_option_value; only the admin label
-- (store 0) is kept here, on the option row.
CREATE TABLE eav_attribute_option (
    option_id    INTEGER PRIMARY KEY,
    attribute_id INTEGER NOT NULL REFERENCES eav_attribute(attribute_id) ON DELETE CASCADE,
    sort_order   INTEGER NOT NULL DEFAULT 0,
    label        TEXT    NOT NULL
);
CREATE INDEX eav_attribute_option_attribute_id ON eav_attribute_option(attribute_id);

-- Which attributes an attribute set holds (attribute groups are not modelled).
CREATE TABLE eav_entity_attribute (
    entity_attribute_id INTEGER PRIMARY KEY,
    entity_type_id      INTEGER NOT NULL REFERENCES eav_entity_type(entity_type_id),
    attribute_set_id    INTEGER NOT NULL REFERENCES eav_attribute_set(attribute_set_id) ON DELETE CASCADE,
    attribute_id        INTEGER NOT NULL REFERENCES eav_attribute(attribute_id) ON DELETE CASCADE,
    sort_order          INTEGER NOT NULL DEFAULT 0,
    UNIQUE (attribute_set_id, attribute_id)
);

-- Entity types 1-4 (Customer, Catalog) and 5-8 (Sales) with their "Default" sets, as a 2.4
-- install numbers them; the first attribute set a fixture adds is therefore id 9, as in Magento.
INSERT INTO eav_entity_type (entity_type_id, entity_type_code, default_attribute_set_id) VALUES
    (1, 'customer', 1),
    (2, 'customer_address', 2),
    (3, 'catalog_category', 3),
    (4, 'catalog_product', 4),
    (5, 'order', 5),
    (6, 'invoice', 6),
    (7, 'creditmemo', 7),
    (8, 'shipment', 8);
INSERT INTO eav_attribute_set (attribute_set_id, entity_type_id, attribute_set_name, sort_order) VALUES
    (1, 1, 'Default', 2),
    (2, 2, 'Default', 2),
    (3, 3, 'Default', 1),
    (4, 4, 'Default', 1),
    (5, 5, 'Default', 1),
    (6, 6, 'Default', 1),
    (7, 7, 'Default', 1),
    (8, 8, 'Default', 1);

-- The system product attributes, in the order Magento\Catalog\Setup\CategorySetup declares them,
-- with its labels and types except `name` ("Product Name") and `status` ("Enable Product",
-- boolean), which later 2.x releases renamed; status and visibility are not required since
-- Magento\Catalog\Setup\Patch\Data\InstallDefaultCategories. Attribute ids are this store's
-- own: a Magento install numbers them after its customer and category attributes.
INSERT INTO eav_attribute
    (entity_type_id, attribute_code, frontend_label, frontend_input, backend_type, is_required, is_user_defined, is_unique, default_value)
VALUES
    (4, 'name',                   'Product Name',                  'text',     'varchar',  1, 0, 0, NULL),
    (4, 'sku',                    'SKU',                           'text',     'static',   1, 0, 1, NULL),
    (4, 'description',            'Description',                   'textarea', 'text',     0, 0, 0, NULL),
    (4, 'short_description',      'Short Description',             'textarea', 'text',     0, 0, 0, NULL),
    (4, 'price',                  'Price',                         'price',    'decimal',  1, 0, 0, NULL),
    (4, 'special_price',          'Special Price',                 'price',    'decimal',  0, 0, 0, NULL),
    (4, 'special_from_date',      'Special Price From Date',       'date',     'datetime', 0, 0, 0, NULL),
    (4, 'special_to_date',        'Special Price To Date',         'date',     'datetime', 0, 0, 0, NULL),
    (4, 'cost',                   'Cost',                          'price',    'decimal',  0, 1, 0, NULL),
    (4, 'weight',                 'Weight',                        'weight',   'decimal',  0, 0, 0, NULL),
    (4, 'manufacturer',           'Manufacturer',                  'select',   'int',      0, 1, 0, NULL),
    (4, 'meta_title',             'Meta Title',                    'text',     'varchar',  0, 0, 0, NULL),
    (4, 'meta_keyword',           'Meta Keywords',                 'textarea', 'text',     0, 0, 0, NULL),
    (4, 'meta_description',       'Meta Description',              'textarea', 'varchar',  0, 0, 0, NULL),
    (4, 'color',                  'Color',                         'select',   'int',      0, 1, 0, NULL),
    (4, 'news_from_date',         'Set Product as New from Date',  'date',     'datetime', 0, 0, 0, NULL),
    (4, 'news_to_date',           'Set Product as New to Date',    'date',     'datetime', 0, 0, 0, NULL),
    (4, 'status',                 'Enable Product',                'boolean',  'int',      0, 0, 0, '1'),
    (4, 'visibility',             'Visibility',                    'select',   'int',      0, 0, 0, '4'),
    (4, 'url_key',                'URL Key',                       'text',     'varchar',  0, 0, 0, NULL),
    (4, 'tax_class_id',           'Tax Class',                     'select',   'int',      0, 0, 0, '2'),
    (4, 'country_of_manufacture', 'Country of Manufacture',        'select',   'varchar',  0, 0, 0, NULL);

INSERT INTO eav_entity_attribute (entity_type_id, attribute_set_id, attribute_id, sort_order)
SELECT 4, 4, attribute_id, attribute_id FROM eav_attribute WHERE entity_type_id = 4 ORDER BY attribute_id;

------------------------------------------------------------------------------------------------
-- Categories: app/code/Magento/Catalog/etc/db_schema.xml (catalog_category_entity), with the
-- store-0 values of name, is_active, include_in_menu and url_key kept on the row (EAV-lite).
------------------------------------------------------------------------------------------------

CREATE TABLE catalog_category_entity (
    entity_id        INTEGER PRIMARY KEY,
    attribute_set_id INTEGER NOT NULL DEFAULT 3,
    parent_id        INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    -- Ids from the tree root down to this category, "/"-joined: "1/2/20".
    path             TEXT    NOT NULL,
    position         INTEGER NOT NULL DEFAULT 0,
    level            INTEGER NOT NULL DEFAULT 0,
    -- All descendants, not only direct children, as Magento counts them.
    children_count   INTEGER NOT NULL DEFAULT 0,
    name             TEXT,
    is_active        INTEGER NOT NULL DEFAULT 1,
    include_in_menu  INTEGER NOT NULL DEFAULT 1,
    url_key          TEXT
);
CREATE INDEX catalog_category_entity_parent_id ON catalog_category_entity(parent_id);

-- Magento\Catalog\Setup\Patch\Data\InstallDefaultCategories: the hidden tree root.
INSERT INTO catalog_category_entity
    (entity_id, attribute_set_id, parent_id, created_at, updated_at, path, position, level, children_count, name, is_active, include_in_menu, url_key)
VALUES
    (1, 3, 0, '1970-01-01 00:00:00', '1970-01-01 00:00:00', '1', 0, 0, 0, 'Root Catalog', 1, 1, NULL);

------------------------------------------------------------------------------------------------
-- Products: catalog_product_entity with name, price, status, visibility and weight kept on the
-- row (EAV-lite); every other attribute value lives in catalog_product_entity_value.
------------------------------------------------------------------------------------------------

CREATE TABLE catalog_product_entity (
    entity_id        INTEGER PRIMARY KEY,
    attribute_set_id INTEGER NOT NULL REFERENCES eav_attribute_set(attribute_set_id),
    type_id          TEXT    NOT NULL DEFAULT 'simple',
    -- Case-insensitive, as MySQL's collation makes Magento's SKU lookups.
    sku              TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    has_options      INTEGER NOT NULL DEFAULT 0,
    required_options INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    name             TEXT,
    price            REAL,
    -- 1 enabled, 2 disabled.
    status           INTEGER NOT NULL DEFAULT 1,
    -- 1 not visible individually, 2 catalog, 3 search, 4 catalog and search.
    visibility       INTEGER NOT NULL DEFAULT 4,
    weight           REAL
);

-- Magento splits values by backend type (_varchar, _int, _text, _decimal, _datetime); one text
-- table is enough here. Option-backed values hold option ids ("12" or "12,15").
CREATE TABLE catalog_product_entity_value (
    value_id     INTEGER PRIMARY KEY,
    entity_id    INTEGER NOT NULL REFERENCES catalog_product_entity(entity_id) ON DELETE CASCADE,
    attribute_id INTEGER NOT NULL REFERENCES eav_attribute(attribute_id) ON DELETE CASCADE,
    store_id     INTEGER NOT NULL DEFAULT 0 REFERENCES store(store_id) ON DELETE CASCADE,
    value        TEXT,
    UNIQUE (entity_id, attribute_id, store_id)
);

CREATE TABLE catalog_category_product (
    entity_id   INTEGER PRIMARY KEY,
    category_id INTEGER NOT NULL REFERENCES catalog_category_entity(entity_id) ON DELETE CASCADE,
    product_id  INTEGER NOT NULL REFERENCES catalog_product_entity(entity_id) ON DELETE CASCADE,
    position    INTEGER NOT NULL DEFAULT 0,
    UNIQUE (category_id, product_id)
);
CREATE INDEX catalog_category_product_product_id ON catalog_category_product(product_id);

CREATE TABLE catalog_product_website (
    product_id INTEGER NOT NULL REFERENCES catalog_product_entity(entity_id) ON DELETE CASCADE,
    website_id INTEGER NOT NULL REFERENCES store_website(website_id) ON DELETE CASCADE,
    PRIMARY KEY (product_id, website_id)
);

------------------------------------------------------------------------------------------------
-- Stock: app/code/Magento/CatalogInventory/etc/db_schema.xml, columns and defaults as there.
-- A `use_config_*` flag of 1 means the effective value comes from the cataloginventory/item_options
-- configuration, not from the column beside it.
------------------------------------------------------------------------------------------------

CREATE TABLE cataloginventory_stock (
    stock_id   INTEGER PRIMARY KEY,
    website_id INTEGER NOT NULL,
    stock_name TEXT
);
INSERT INTO cataloginventory_stock (stock_id, website_id, stock_name) VALUES (1, 0, 'Default');

CREATE TABLE cataloginventory_stock_item (
    item_id                     INTEGER PRIMARY KEY,
    product_id                  INTEGER NOT NULL REFERENCES catalog_product_entity(entity_id) ON DELETE CASCADE,
    stock_id                    INTEGER NOT NULL DEFAULT 1 REFERENCES cataloginventory_stock(stock_id) ON DELETE CASCADE,
    qty                         REAL,
    min_qty                     REAL    NOT NULL DEFAULT 0,
    use_config_min_qty          INTEGER NOT NULL DEFAULT 1,
    is_qty_decimal              INTEGER NOT NULL DEFAULT 0,
    backorders                  INTEGER NOT NULL DEFAULT 0,
    use_config_backorders       INTEGER NOT NULL DEFAULT 1,
    min_sale_qty                REAL    NOT NULL DEFAULT 1,
    use_config_min_sale_qty     INTEGER NOT NULL DEFAULT 1,
    max_sale_qty                REAL    NOT NULL DEFAULT 0,
    use_config_max_sale_qty     INTEGER NOT NULL DEFAULT 1,
    is_in_stock                 INTEGER NOT NULL DEFAULT 0,
    low_stock_date              TEXT,
    notify_stock_qty            REAL,
    use_config_notify_stock_qty INTEGER NOT NULL DEFAULT 1,
    manage_stock                INTEGER NOT NULL DEFAULT 0,
    use_config_manage_stock     INTEGER NOT NULL DEFAULT 1,
    stock_status_changed_auto   INTEGER NOT NULL DEFAULT 0,
    use_config_qty_increments   INTEGER NOT NULL DEFAULT 1,
    qty_increments              REAL    NOT NULL DEFAULT 0,
    use_config_enable_qty_inc   INTEGER NOT NULL DEFAULT 1,
    enable_qty_increments       INTEGER NOT NULL DEFAULT 0,
    is_decimal_divided          INTEGER NOT NULL DEFAULT 0,
    website_id                  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (product_id, stock_id)
);

------------------------------------------------------------------------------------------------
-- Customers: app/code/Magento/Customer/etc/db_schema.xml (customer_entity and
-- customer_address_entity, static columns only).
------------------------------------------------------------------------------------------------

CREATE TABLE customer_entity (
    entity_id                 INTEGER PRIMARY KEY,
    website_id                INTEGER REFERENCES store_website(website_id) ON DELETE SET NULL,
    email                     TEXT COLLATE NOCASE,
    group_id                  INTEGER NOT NULL DEFAULT 0,
    increment_id              TEXT,
    store_id                  INTEGER DEFAULT 0 REFERENCES store(store_id) ON DELETE SET NULL,
    created_at                TEXT    NOT NULL,
    updated_at                TEXT    NOT NULL,
    -- 0 once an admin deactivates the account: its tokens stop working.
    is_active                 INTEGER NOT NULL DEFAULT 1,
    disable_auto_group_change INTEGER NOT NULL DEFAULT 0,
    -- The name of the store view the account was created in.
    created_in                TEXT,
    prefix                    TEXT,
    firstname                 TEXT,
    middlename                TEXT,
    lastname                  TEXT,
    suffix                    TEXT,
    dob                       TEXT,
    password_hash             TEXT,
    rp_token                  TEXT,
    rp_token_created_at       TEXT,
    -- Address ids; Magento keeps the defaults here, not on the address rows.
    default_billing           INTEGER,
    default_shipping          INTEGER,
    taxvat                    TEXT,
    confirmation              TEXT,
    -- 1 male, 2 female, 3 not specified.
    gender                    INTEGER,
    failures_num              INTEGER DEFAULT 0,
    first_failure             TEXT,
    lock_expires              TEXT,
    session_cutoff            TEXT,
    UNIQUE (email, website_id)
);
CREATE INDEX customer_entity_website_id ON customer_entity(website_id);

CREATE TABLE customer_address_entity (
    entity_id   INTEGER PRIMARY KEY,
    increment_id TEXT,
    parent_id   INTEGER REFERENCES customer_entity(entity_id) ON DELETE CASCADE,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    is_active   INTEGER NOT NULL DEFAULT 1,
    city        TEXT    NOT NULL,
    company     TEXT,
    country_id  TEXT    NOT NULL,
    fax         TEXT,
    firstname   TEXT    NOT NULL,
    lastname    TEXT    NOT NULL,
    middlename  TEXT,
    postcode    TEXT,
    prefix      TEXT,
    region      TEXT,
    region_id   INTEGER,
    -- Magento reads the code from directory_country_region by region_id; without the directory
    -- tables it is stored with the address.
    region_code TEXT,
    -- Street lines joined by "\n", as Magento stores them.
    street      TEXT    NOT NULL,
    suffix      TEXT,
    telephone   TEXT    NOT NULL,
    vat_id      TEXT
);
CREATE INDEX customer_address_entity_parent_id ON customer_address_entity(parent_id);
