// Package requirements holds the Threat Manager networking requirements as
// data: the seed's ingress and egress tables for the US and EU Alert Logic
// datacenters, with their ranges, ports, protocols and descriptions.
//
// It is the first layer of the package. Nothing here decides anything: the
// rules package turns these rows and a user's input into a plan. A copy of the
// seed document lives in seeddoc/seed.md; package seeddoc parses it for every
// Go test, and this package's tests prove every row of it is represented here.
package requirements
