-- What the rest of the catalog and customer REST API needs beyond 0002: attribute scopes and
-- the catalog_eav_attribute properties ProductAttributeInterface prints, the image role
-- attributes, media gallery entries, product links, tier prices and tax classes. Names are
-- Magento 2.4's (db_schema.xml of Magento_Catalog, Magento_Eav and Magento_Tax).

------------------------------------------------------------------------------------------------
-- catalog_eav_attribute, kept on the eav_attribute row (EAV-lite). Column defaults are
-- app/code/Magento/Catalog/etc/db_schema.xml's; `is_global` is 0 store view, 1 global,
-- 2 website (ScopedAttributeInterface).
------------------------------------------------------------------------------------------------

ALTER TABLE eav_attribute ADD COLUMN is_global INTEGER NOT NULL DEFAULT 1;
ALTER TABLE eav_attribute ADD COLUMN frontend_class TEXT;
ALTER TABLE eav_attribute ADD COLUMN backend_model TEXT;
ALTER TABLE eav_attribute ADD COLUMN source_model TEXT;
ALTER TABLE eav_attribute ADD COLUMN note TEXT;
ALTER TABLE eav_attribute ADD COLUMN is_visible INTEGER NOT NULL DEFAULT 1;
ALTER TABLE eav_attribute ADD COLUMN is_searchable INTEGER NOT NULL DEFAULT 0;
ALTER TABLE eav_attribute ADD COLUMN is_filterable INTEGER NOT NULL DEFAULT 0;
ALTER TABLE eav_attribute ADD COLUMN is_comparable INTEGER NOT NULL DEFAULT 0;
ALTER TABLE eav_attribute ADD COLUMN is_visible_on_front INTEGER NOT NULL DEFAULT 0;
ALTER TABLE eav_attribute ADD COLUMN is_html_allowed_on_front INTEGER NOT NULL DEFAULT 0;
ALTER TABLE eav_attribute ADD COLUMN is_filterable_in_search INTEGER NOT NULL DEFAULT 0;
ALTER TABLE eav_attribute ADD COLUMN used_in_product_listing INTEGER NOT NULL DEFAULT 0;
ALTER TABLE eav_attribute ADD COLUMN used_for_sort_by INTEGER NOT NULL DEFAULT 0;
ALTER TABLE eav_attribute ADD COLUMN apply_to TEXT;
ALTER TABLE eav_attribute ADD COLUMN is_visible_in_advanced_search INTEGER NOT NULL DEFAULT 0;
ALTER TABLE eav_attribute ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
ALTER TABLE eav_attribute ADD COLUMN is_wysiwyg_enabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE eav_attribute ADD COLUMN is_used_for_promo_rules INTEGER NOT NULL DEFAULT 0;
ALTER TABLE eav_attribute ADD COLUMN is_used_in_grid INTEGER NOT NULL DEFAULT 0;
ALTER TABLE eav_attribute ADD COLUMN is_visible_in_grid INTEGER NOT NULL DEFAULT 0;
ALTER TABLE eav_attribute ADD COLUMN is_filterable_in_grid INTEGER NOT NULL DEFAULT 0;

-- Scopes of the system product attributes: app/code/Magento/Catalog/Setup/CategorySetup.php
-- (`global`), Magento_CatalogUrlRewrite (url_key, store view) and Magento_Tax (tax_class_id,
-- website). Price, special_price and cost are declared website-scoped, but their backend
-- (Product/Attribute/Backend/Price.php `setScope`) makes them global while
-- `catalog/price/scope` is 0, its default; so they stay 1 here.
UPDATE eav_attribute SET is_global = 0
 WHERE entity_type_id = 4 AND attribute_code IN ('name', 'description', 'short_description',
       'meta_title', 'meta_keyword', 'meta_description', 'visibility', 'url_key');
UPDATE eav_attribute SET is_global = 2
 WHERE entity_type_id = 4 AND attribute_code IN ('special_from_date', 'special_to_date',
       'news_from_date', 'news_to_date', 'status', 'tax_class_id', 'country_of_manufacture');

-- Properties of the system attributes as CategorySetup declares them.
UPDATE eav_attribute SET frontend_class = 'validate-length maximum-length-255', is_searchable = 1,
       is_visible_in_advanced_search = 1, used_in_product_listing = 1, used_for_sort_by = 1
 WHERE entity_type_id = 4 AND attribute_code = 'name';
UPDATE eav_attribute SET frontend_class = 'validate-length maximum-length-64',
       backend_model = 'Magento\Catalog\Model\Product\Attribute\Backend\Sku', is_searchable = 1,
       is_comparable = 1, is_visible_in_advanced_search = 1
 WHERE entity_type_id = 4 AND attribute_code = 'sku';
UPDATE eav_attribute SET is_searchable = 1, is_comparable = 1, is_wysiwyg_enabled = 1,
       is_html_allowed_on_front = 1, is_visible_in_advanced_search = 1
 WHERE entity_type_id = 4 AND attribute_code = 'description';
UPDATE eav_attribute SET is_searchable = 1, is_comparable = 1, is_wysiwyg_enabled = 1,
       is_html_allowed_on_front = 1, is_visible_in_advanced_search = 1,
       used_in_product_listing = 1, is_used_in_grid = 1
 WHERE entity_type_id = 4 AND attribute_code = 'short_description';
UPDATE eav_attribute SET backend_model = 'Magento\Catalog\Model\Product\Attribute\Backend\Price',
       is_searchable = 1, is_filterable = 1, is_visible_in_advanced_search = 1,
       used_in_product_listing = 1, used_for_sort_by = 1, apply_to = 'simple,virtual'
 WHERE entity_type_id = 4 AND attribute_code = 'price';
UPDATE eav_attribute SET backend_model = 'Magento\Catalog\Model\Product\Attribute\Backend\Price',
       used_in_product_listing = 1, apply_to = 'simple,virtual', is_used_in_grid = 1,
       is_filterable_in_grid = 1
 WHERE entity_type_id = 4 AND attribute_code IN ('special_price', 'cost');
UPDATE eav_attribute SET backend_model = 'Magento\Catalog\Model\Attribute\Backend\Startdate',
       used_in_product_listing = 1, is_used_in_grid = 1
 WHERE entity_type_id = 4 AND attribute_code IN ('special_from_date', 'news_from_date');
UPDATE eav_attribute SET backend_model = 'Magento\Eav\Model\Entity\Attribute\Backend\Datetime',
       used_in_product_listing = 1, is_used_in_grid = 1
 WHERE entity_type_id = 4 AND attribute_code IN ('special_to_date', 'news_to_date');
UPDATE eav_attribute SET apply_to = 'simple,virtual' WHERE entity_type_id = 4 AND attribute_code = 'special_from_date';
UPDATE eav_attribute SET apply_to = 'simple,virtual' WHERE entity_type_id = 4 AND attribute_code = 'special_to_date';
UPDATE eav_attribute SET backend_model = 'Magento\Catalog\Model\Product\Attribute\Backend\Weight',
       apply_to = 'simple,virtual', is_used_in_grid = 1, is_filterable_in_grid = 1
 WHERE entity_type_id = 4 AND attribute_code = 'weight';
UPDATE eav_attribute SET source_model = 'Magento\Eav\Model\Entity\Attribute\Source\Table',
       is_searchable = 1, is_filterable = 1, is_comparable = 1,
       is_visible_in_advanced_search = 1, is_used_in_grid = 1, is_filterable_in_grid = 1
 WHERE entity_type_id = 4 AND attribute_code IN ('manufacturer', 'color');
UPDATE eav_attribute SET apply_to = 'simple' WHERE entity_type_id = 4 AND attribute_code = 'manufacturer';
UPDATE eav_attribute SET apply_to = 'simple,virtual' WHERE entity_type_id = 4 AND attribute_code = 'color';
UPDATE eav_attribute SET is_used_in_grid = 1, is_filterable_in_grid = 1
 WHERE entity_type_id = 4 AND attribute_code IN ('meta_title', 'meta_keyword', 'meta_description');
UPDATE eav_attribute SET note = 'Maximum 255 chars', frontend_class = 'validate-length maximum-length-255'
 WHERE entity_type_id = 4 AND attribute_code = 'meta_description';
UPDATE eav_attribute SET source_model = 'Magento\Catalog\Model\Product\Attribute\Source\Status',
       is_searchable = 1, used_in_product_listing = 1
 WHERE entity_type_id = 4 AND attribute_code = 'status';
UPDATE eav_attribute SET source_model = 'Magento\Catalog\Model\Product\Visibility'
 WHERE entity_type_id = 4 AND attribute_code = 'visibility';
UPDATE eav_attribute SET source_model = 'Magento\Tax\Model\TaxClass\Source\Product',
       is_filterable = 1, is_filterable_in_search = 1, used_in_product_listing = 1,
       apply_to = 'simple,virtual,downloadable,configurable,bundle'
 WHERE entity_type_id = 4 AND attribute_code = 'tax_class_id';
UPDATE eav_attribute SET source_model = 'Magento\Catalog\Model\Product\Attribute\Source\Countryofmanufacture',
       apply_to = 'simple,bundle'
 WHERE entity_type_id = 4 AND attribute_code = 'country_of_manufacture';
UPDATE eav_attribute SET used_in_product_listing = 1
 WHERE entity_type_id = 4 AND attribute_code = 'url_key';

-- The image roles (CategorySetup: image, small_image, thumbnail; Magento_Swatches:
-- swatch_image), store-view scoped, in the Default product set after the seeded attributes.
INSERT INTO eav_attribute
    (entity_type_id, attribute_code, frontend_label, frontend_input, backend_type, is_required,
     is_user_defined, is_unique, default_value, is_global, used_in_product_listing)
VALUES
    (4, 'image',        'Base Image',   'media_image', 'varchar', 0, 0, 0, NULL, 0, 1),
    (4, 'small_image',  'Small Image',  'media_image', 'varchar', 0, 0, 0, NULL, 0, 1),
    (4, 'thumbnail',    'Thumbnail',    'media_image', 'varchar', 0, 0, 0, NULL, 0, 1),
    (4, 'swatch_image', 'Swatch Image', 'media_image', 'varchar', 0, 0, 0, NULL, 0, 1);
INSERT INTO eav_entity_attribute (entity_type_id, attribute_set_id, attribute_id, sort_order)
SELECT 4, 4, attribute_id, attribute_id FROM eav_attribute
 WHERE entity_type_id = 4 AND attribute_code IN ('image', 'small_image', 'thumbnail', 'swatch_image')
 ORDER BY attribute_id;

------------------------------------------------------------------------------------------------
-- Media gallery: catalog_product_entity_media_gallery with its store-0 value row folded in
-- (label, position, disabled), one entry per product and file.
------------------------------------------------------------------------------------------------

CREATE TABLE catalog_product_entity_media_gallery (
    value_id   INTEGER PRIMARY KEY,
    entity_id  INTEGER NOT NULL REFERENCES catalog_product_entity(entity_id) ON DELETE CASCADE,
    media_type TEXT    NOT NULL DEFAULT 'image',
    -- The file under pub/media/catalog/product, as Magento stores it: "/m/b/mb01-blue-0.jpg".
    value      TEXT    NOT NULL,
    label      TEXT,
    position   INTEGER,
    disabled   INTEGER NOT NULL DEFAULT 0,
    -- The uploaded ImageContentInterface (MIME type, base64 data), which 2.4.7+ hands back on
    -- reads as Magento does from the file on disk.
    content_type TEXT,
    content_data TEXT
);
CREATE INDEX catalog_product_entity_media_gallery_entity_id
    ON catalog_product_entity_media_gallery(entity_id);

------------------------------------------------------------------------------------------------
-- Product links: catalog_product_link with the position kept on the row (Magento keeps it in
-- catalog_product_link_attribute_int). Link types are catalog_product_link_type's:
-- 1 relation ("related"), 3 super (grouped "associated"), 4 up_sell, 5 cross_sell.
------------------------------------------------------------------------------------------------

CREATE TABLE catalog_product_link (
    link_id           INTEGER PRIMARY KEY,
    product_id        INTEGER NOT NULL REFERENCES catalog_product_entity(entity_id) ON DELETE CASCADE,
    linked_product_id INTEGER NOT NULL REFERENCES catalog_product_entity(entity_id) ON DELETE CASCADE,
    link_type_id      INTEGER NOT NULL,
    position          INTEGER,
    UNIQUE (link_type_id, product_id, linked_product_id)
);
CREATE INDEX catalog_product_link_product_id ON catalog_product_link(product_id);

------------------------------------------------------------------------------------------------
-- Tier prices: catalog_product_entity_tier_price.
------------------------------------------------------------------------------------------------

CREATE TABLE catalog_product_entity_tier_price (
    value_id          INTEGER PRIMARY KEY,
    entity_id         INTEGER NOT NULL REFERENCES catalog_product_entity(entity_id) ON DELETE CASCADE,
    all_groups        INTEGER NOT NULL DEFAULT 1,
    customer_group_id INTEGER NOT NULL DEFAULT 0,
    qty               REAL    NOT NULL DEFAULT 1,
    value             REAL    NOT NULL DEFAULT 0,
    website_id        INTEGER NOT NULL DEFAULT 0,
    percentage_value  REAL,
    UNIQUE (entity_id, all_groups, customer_group_id, qty, website_id)
);

------------------------------------------------------------------------------------------------
-- Tax classes: app/code/Magento/Tax/etc/db_schema.xml, with the two a 2.4 install creates
-- (Magento\Tax\Setup\Patch\Data\AddTaxAttributeAndTaxClasses).
------------------------------------------------------------------------------------------------

CREATE TABLE tax_class (
    class_id   INTEGER PRIMARY KEY,
    class_name TEXT NOT NULL,
    class_type TEXT NOT NULL DEFAULT 'CUSTOMER'
);
INSERT INTO tax_class (class_id, class_name, class_type) VALUES
    (2, 'Taxable Goods', 'PRODUCT'),
    (3, 'Retail Customer', 'CUSTOMER');
