package rulestest

import (
	"math/rand/v2"
	"slices"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/aws"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// Shuffled is in with every list in another order, the AWS block's
// subnets included; in itself is left as it was.
func Shuffled(in rules.Input, seed uint64) rules.Input {
	rng := rand.New(rand.NewPCG(seed, seed))
	shuffle := func(s []string) []string {
		if s == nil {
			return nil
		}
		s = slices.Clone(s)
		rng.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
		return s
	}
	out := in
	out.AgentCIDRs.Values = shuffle(in.AgentCIDRs.Values)
	out.DNSServers = shuffle(in.DNSServers)
	out.ExtraNTPRanges = shuffle(in.ExtraNTPRanges)
	out.DatacenterRanges = shuffle(in.DatacenterRanges)
	out.DatacenterNTPRanges = shuffle(in.DatacenterNTPRanges)
	if in.SSHAccess != nil {
		ssh := *in.SSHAccess
		ssh.Sources = shuffle(ssh.Sources)
		out.SSHAccess = &ssh
	}
	out.Clouds = slices.Clone(in.Clouds)
	for i, c := range out.Clouds {
		if block, ok := c.(*aws.Input); ok {
			b := *block
			b.Subnets = slices.Clone(b.Subnets)
			rng.Shuffle(len(b.Subnets), func(i, j int) { b.Subnets[i], b.Subnets[j] = b.Subnets[j], b.Subnets[i] })
			out.Clouds[i] = &b
		}
	}
	return out
}
