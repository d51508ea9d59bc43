module github.com/threatmanager/pulumi-threatmanager/tests/examples/yaml

go 1.26.6
