// The network for Threat Manager IDS appliances on AWS, Azure and GCP, with exactly the documented rules.
package threatmanager
