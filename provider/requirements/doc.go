// Package requirements holds the Threat Manager networking requirements as
// data: the seed's ingress and egress tables for the US and EU Alert Logic
// datacenters, with their ranges, ports, protocols and descriptions.
//
// It is the first layer of the package. Nothing here decides anything: the
// rules package turns these rows and a user's input into a plan. A copy of the
// seed document lives in testdata/seed.md, and the tests parse it to prove that
// every row of it is represented here.
package requirements
