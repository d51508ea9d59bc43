package provider

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/cloud"
	"github.com/threatmanager/pulumi-threatmanager/provider/render"
	"github.com/threatmanager/pulumi-threatmanager/provider/render/rendertest"
	"github.com/threatmanager/pulumi-threatmanager/provider/requirements/seeddoc"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// A cloud that exists only in this file joins the component the way a real
// one does: a pure part (its Input and Plan), a renderer, and one deployer.
// It proves that the rule model, the conversion and the outputs take a new
// cloud without a change (docs/architecture.md, "What a new cloud touches").

// fourthBlock is the cloud's block; the real clouds' blocks are fields of
// ThreatManagerArgs, which the schema is inferred from.
type fourthBlock struct{ NamePrefix string }

type fourthInput struct{ namePrefix string }

func (in *fourthInput) CheckTags(p *rules.Problems, tags map[string]string) {
	if len(tags) > 2 {
		p.Add("tags", "%d tags, over the fourth cloud's 2", len(tags))
	}
}

func (in *fourthInput) Plan(p *rules.Problems, l rules.Layout) rules.CloudPlan {
	prefix := in.namePrefix
	if prefix == "" {
		prefix = l.Name
	}
	return &fourthPlan{prefix: prefix, groups: rules.GroupByRequirement(l.Rules)}
}

type fourthPlan struct {
	prefix string
	groups []rules.RuleGroup
}

func (p *fourthPlan) CheckAgentCount(pr *rules.Problems, n int) {
	if n > 3 {
		pr.Add("agentCidrs", "%d agent CIDRs, over the fourth cloud's 3", n)
	}
}

type fourthOutputs struct{}

func (fourthOutputs) Exports() map[string]pulumi.Output { return nil }

// renderFourth registers one rule resource per requirement, as Azure does.
func renderFourth(ctx *pulumi.Context, parent pulumi.Resource, plan rules.Plan, agents pulumi.StringArrayOutput, _ string) (fourthOutputs, error) {
	layout, ok := rules.CloudPlanOf[*fourthPlan](plan)
	if !ok {
		return fourthOutputs{}, errors.New("no fourth-cloud layout in the plan")
	}
	for _, g := range layout.groups {
		name := render.ChildName(plan.Name, string(g.Direction), string(g.Purpose), g.Matches[0].String())
		var res struct{ pulumi.CustomResourceState }
		err := ctx.RegisterResource("fourth:network:Rule", name, pulumi.Map{
			"name":      pulumi.String(layout.prefix + "-" + string(g.Direction) + "-" + string(g.Purpose)),
			"direction": pulumi.String(string(g.Direction)),
			"match":     pulumi.String(g.Matches[0].String()),
			"prefixes":  agents.ApplyT(g.AddressPrefixes).(pulumi.StringArrayOutput),
		}, &res, pulumi.Parent(parent))
		if err != nil {
			return fourthOutputs{}, err
		}
	}
	return fourthOutputs{}, nil
}

// withFourthCloud registers the fourth cloud for the test: one deployer,
// whose block getter stands for the args field a real cloud adds.
func withFourthCloud(t *testing.T, block *fourthBlock) {
	t.Helper()
	fourth := cloud.Cloud{Block: "fourth", Title: "Fourth", TypePrefix: "fourth:"}
	d := deployerOf(fourth,
		func(*ThreatManagerArgs) *fourthBlock { return block },
		func(_ *render.Presences, b *fourthBlock) (rules.CloudInput, string) {
			return &fourthInput{namePrefix: b.NamePrefix}, b.NamePrefix
		},
		renderFourth)
	saved := deployers
	deployers = append(slices.Clone(deployers), d)
	t.Cleanup(func() { deployers = saved })
}

func TestAFourthCloudJoinsThroughOneDeployer(t *testing.T) {
	withFourthCloud(t, &fourthBlock{NamePrefix: "tm4"})
	agents := pulumi.ToStringArray([]string{"10.0.0.0/16"})
	rec, err := rendertest.Run(func(ctx *pulumi.Context) error {
		_, err := NewThreatManager(func() time.Time { return now })(ctx, "tm", ThreatManagerArgs{AgentCidrs: agents})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rec.OfType("fourth:network:Rule") {
		if !strings.HasPrefix(r.Str("name"), "tm4-"+r.Str("direction")+"-") {
			t.Errorf("rule %q is not named from its block's prefix and content", r.Str("name"))
		}
		got = append(got, r.Str("direction")+" "+r.Str("match"))
	}
	slices.Sort(got)
	// One rule per direction, protocol and port of the seed document.
	var want []string
	for _, g := range seeddoc.Groups(seeddoc.US, "", false) {
		match := g.Protocol + ":" + g.Port
		if g.Protocol == "all" {
			match = "all"
		}
		want = append(want, g.Direction+" "+match)
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("the fourth cloud's rules\ngot:\n  %s\nwant:\n  %s", rendertest.Joined(got), rendertest.Joined(want))
	}
	if n := len(rec.Resources()); n != len(want)+1 {
		t.Errorf("%d resources, want the component and %d rules: no other cloud renders", n, len(want))
	}
}

// The rule model runs the fourth cloud's checks with the others', before
// anything registers.
func TestAFourthCloudsChecksRunBeforeAnythingRegisters(t *testing.T) {
	withFourthCloud(t, &fourthBlock{})
	args := ThreatManagerArgs{
		AgentCidrs: pulumi.ToStringArray([]string{"10.0.0.0/16", "10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16"}),
		Tags:       map[string]string{"a": "1", "b": "2", "c": "3"},
	}
	rec, err := rendertest.Run(func(ctx *pulumi.Context) error {
		_, err := NewThreatManager(func() time.Time { return now })(ctx, "tm", args)
		return err
	})
	for _, want := range []string{"tags: 3 tags, over the fourth cloud's 2", "agentCidrs: 4 agent CIDRs, over the fourth cloud's 3"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v, want it to say %q", err, want)
		}
	}
	if n := len(rec.Resources()); n != 0 {
		t.Errorf("%d resources registered despite bad input", n)
	}
}

func TestNoBlockSetNamesTheFourthCloudToo(t *testing.T) {
	withFourthCloud(t, nil)
	_, err := rendertest.Run(func(ctx *pulumi.Context) error {
		_, err := NewThreatManager(func() time.Time { return now })(ctx, "tm", ThreatManagerArgs{AgentCidrs: pulumi.ToStringArray([]string{"10.0.0.0/16"})})
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "aws, azure, gcp, fourth: set at least one cloud block") {
		t.Errorf("error %v, want it to name the fourth block among the others", err)
	}
}
