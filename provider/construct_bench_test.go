package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// BenchmarkConstruct times the provider's Construct, in process under mocks,
// per cloud for 1 to 1,000 agent CIDRs: what the component adds to a
// deployment's own time, and how it grows with the agents. AWS deploys at
// most 500 agent CIDRs (two inbound rules count the prefix list at its
// size, against at most 1,000 rules per security group), so its 1,000 is the
// refusal, and 400 its largest deployable size here.
//
//	go test ./provider -run '^$' -bench Construct -benchmem
func BenchmarkConstruct(b *testing.B) {
	for _, cloud := range []string{"aws", "azure", "gcp"} {
		sizes := []int{1, 10, 100, 1000}
		if cloud == "aws" {
			sizes = []int{1, 10, 100, 400, 1000}
		}
		for _, n := range sizes {
			in, refused := scaleInputs(cloud, n)
			name := fmt.Sprintf("%s/agents=%d", cloud, n)
			if refused {
				name += "/refused"
			}
			b.Run(name, func(b *testing.B) {
				server, rec := newServer(b, now)
				req := constructRequest(false, in)
				b.ReportAllocs()
				for b.Loop() {
					_, err := server.Construct(req)
					if refused != (err != nil) {
						b.Fatalf("refused %v, want %v: %v", err != nil, refused, err)
					}
				}
				b.ReportMetric(float64(len(rec.list()))/float64(b.N), "resources/op")
			})
		}
	}
}

// scaleInputs is one cloud's input with n agent CIDRs, and whether the
// component refuses it. AWS gets the prefix list and rule quota n needs.
func scaleInputs(cloud string, n int) (map[string]property.Value, bool) {
	var cidrs []string
	for i := range n {
		cidrs = append(cidrs, fmt.Sprintf("172.%d.%d.0/24", 16+i/256, i%256))
	}
	in := map[string]property.Value{"agentCidrs": strs(cidrs...)}
	switch cloud {
	case "aws":
		aws := defaultInputs()["aws"].AsMap().AsMap()
		if n > 20 {
			aws["agentCidrsMaxEntries"] = property.New(float64(n))
			aws["rulesPerSecurityGroup"] = property.New(float64(1000))
		}
		in["aws"] = property.New(property.NewMap(aws))
		return in, 2*n > 1000
	case "azure":
		in["azure"] = obj(map[string]property.Value{
			"resourceGroupName":   str("rg-secops"),
			"virtualNetworkName":  str("vnet-main"),
			"subnetAddressPrefix": str("10.1.240.0/24"),
		})
	case "gcp":
		in["gcp"] = obj(map[string]property.Value{
			"region":     str("us-central1"),
			"network":    str("default"),
			"subnetCidr": str("10.2.240.0/24"),
		})
	default:
		panic("no cloud " + strings.ToUpper(cloud))
	}
	return in, false
}
