--! list_admin_emails
--- Active admins' addresses: low-stock alerts go to all of them unless ADMIN_ALERT_EMAIL is set.
SELECT email FROM users WHERE role = 'admin' AND is_active ORDER BY id;
