use crate::CatalogError;
use crate::admins::*;
use crate::error::Existing;

use super::{NOW, failing, with_store};

fn admin() -> NewAdminUser {
    NewAdminUser {
        username: "admin".into(),
        firstname: "Magento".into(),
        lastname: "User".into(),
        email: "admin@example.com".into(),
        password_hash: "hash:salt:1".into(),
        is_active: true,
        role_id: ADMINISTRATORS_ROLE_ID,
    }
}

#[test]
fn administrators_is_seeded_with_the_whole_tree() {
    let role = with_store(|tx| role_by_name(tx, "Administrators"));
    assert_eq!(
        role,
        Some(Role {
            id: 1,
            name: "Administrators".into(),
            resources: Resources::All,
        })
    );
}

#[test]
fn an_admin_user_joins_its_role_through_a_user_role() {
    let (user, role, user_role) = with_store(|tx| {
        let role = insert_role(
            tx,
            &NewRole {
                name: "Catalog managers".into(),
                resources: Resources::Some(vec![
                    "Magento_Catalog::catalog".into(),
                    "Magento_Catalog::products".into(),
                    "Magento_Catalog::catalog".into(),
                ]),
            },
        )?;
        let id = insert_admin_user(
            tx,
            &NewAdminUser {
                role_id: role,
                ..admin()
            },
            NOW,
        )?;
        let user_role: (String, i64, String, i64) = tx.query_row(
            "SELECT role_type, parent_id, role_name, tree_level FROM authorization_role \
             WHERE user_id = ?1 AND user_type = '2'",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        Ok((
            admin_by_username(tx, "ADMIN")?,
            admin_role(tx, id)?,
            user_role,
        ))
    });
    let user = user.expect("user names are matched case-insensitively");
    assert_eq!(
        (user.id, user.created.as_str(), user.is_active),
        (1, NOW, true)
    );
    let role = role.expect("role");
    assert_eq!(role.id, 2);
    assert_eq!(
        role.resources,
        Resources::Some(vec![
            "Magento_Catalog::catalog".into(),
            "Magento_Catalog::products".into()
        ])
    );
    assert_eq!(user_role, ("U".to_string(), 2, "Magento".to_string(), 2));
}

#[test]
fn user_names_e_mails_and_role_names_are_unique() {
    let err = failing(|tx| {
        insert_admin_user(tx, &admin(), NOW)?;
        insert_admin_user(
            tx,
            &NewAdminUser {
                username: "other".into(),
                ..admin()
            },
            NOW,
        )
    });
    assert!(matches!(
        err,
        CatalogError::AlreadyExists(Existing::AdminUser(_))
    ));
    let err = failing(|tx| {
        insert_role(
            tx,
            &NewRole {
                name: "Administrators".into(),
                resources: Resources::All,
            },
        )
    });
    assert!(matches!(
        err,
        CatalogError::AlreadyExists(Existing::Role(_))
    ));
    let err = failing(|tx| {
        insert_admin_user(
            tx,
            &NewAdminUser {
                role_id: 7,
                ..admin()
            },
            NOW,
        )
    });
    assert!(matches!(
        err,
        CatalogError::NoSuchEntity {
            field: "roleId",
            ..
        }
    ));
}
