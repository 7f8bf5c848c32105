// Defaults for the services the tests use; CI and developers may override them.
process.env.PG_URL ??= 'postgresql://postgres@127.0.0.1:5432/test';
process.env.MYSQL_URL ??= 'mysql://root@127.0.0.1:3306/test';
