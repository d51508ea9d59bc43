module github.com/threatmanager/pulumi-threatmanager/tests/e2e

go 1.26.6
