// Threat Manager appliances' network in an existing GCP VPC network.
package main

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

func main() {
	pulumi.Run(program)
}
