package aws_test

import (
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/aws"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules/rulestest"
)

// The AWS layout's tests plan through rules.Build, as the component does,
// an input whose one cloud is AWS.

// now is the fixed instant every test plans at.
var now = rulestest.Now

// input is a minimal valid input: us, one agent CIDR, AWS in two zones;
// and its AWS block, which a test may change.
func input() (rules.Input, *aws.Input) {
	block := rulestest.AWSBlock()
	return rulestest.InputWith(block), block
}
