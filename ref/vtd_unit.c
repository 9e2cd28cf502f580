// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdio.h>

#include "vtd_unit.h"

#define F(name, mask) { name, mask }
#define END { NULL, 0 }

static const struct vtd_field_def ver_fields[] = {
	F("MAX", VTD_VER_MAX), F("MIN", VTD_VER_MIN), END,
};

static const struct vtd_field_def cap_fields[] = {
	F("ND", VTD_CAP_ND), F("AFL", VTD_CAP_AFL), F("RWBF", VTD_CAP_RWBF),
	F("PLMR", VTD_CAP_PLMR), F("PHMR", VTD_CAP_PHMR), F("CM", VTD_CAP_CM),
	F("SAGAW", VTD_CAP_SAGAW), F("MGAW", VTD_CAP_MGAW), F("ZLR", VTD_CAP_ZLR),
	F("FRO", VTD_CAP_FRO), F("SLLPS", VTD_CAP_SLLPS), F("PSI", VTD_CAP_PSI),
	F("NFR", VTD_CAP_NFR), F("MAMV", VTD_CAP_MAMV), F("DWD", VTD_CAP_DWD),
	F("DRD", VTD_CAP_DRD), F("FL1GP", VTD_CAP_FL1GP), F("PI", VTD_CAP_PI),
	F("FL5LP", VTD_CAP_FL5LP), F("ESIRTPS", VTD_CAP_ESIRTPS), F("ESRTPS", VTD_CAP_ESRTPS),
	END,
};

static const struct vtd_field_def ecap_fields[] = {
	F("C", VTD_ECAP_C), F("QI", VTD_ECAP_QI), F("DT", VTD_ECAP_DT), F("IR", VTD_ECAP_IR),
	F("EIM", VTD_ECAP_EIM), F("PT", VTD_ECAP_PT), F("SC", VTD_ECAP_SC),
	F("IRO", VTD_ECAP_IRO), F("MHMV", VTD_ECAP_MHMV), F("MTS", VTD_ECAP_MTS),
	F("NEST", VTD_ECAP_NEST), F("PRS", VTD_ECAP_PRS), F("ERS", VTD_ECAP_ERS),
	F("SRS", VTD_ECAP_SRS), F("NWFS", VTD_ECAP_NWFS), F("EAFS", VTD_ECAP_EAFS),
	F("PSS", VTD_ECAP_PSS), F("PASID", VTD_ECAP_PASID), F("DIT", VTD_ECAP_DIT),
	F("PDS", VTD_ECAP_PDS), F("SMTS", VTD_ECAP_SMTS), F("VCS", VTD_ECAP_VCS),
	F("SLADS", VTD_ECAP_SLADS), F("SLTS", VTD_ECAP_SLTS), F("FLTS", VTD_ECAP_FLTS),
	F("SMPWCS", VTD_ECAP_SMPWCS), F("RPS", VTD_ECAP_RPS), F("ADMS", VTD_ECAP_ADMS),
	F("RPRIVS", VTD_ECAP_RPRIVS), END,
};

static const struct vtd_field_def gsts_fields[] = {
	F("TES", VTD_GSTS_TES), F("RTPS", VTD_GSTS_RTPS), F("FLS", VTD_GSTS_FLS),
	F("AFLS", VTD_GSTS_AFLS), F("WBFS", VTD_GSTS_WBFS), F("QIES", VTD_GSTS_QIES),
	F("IRES", VTD_GSTS_IRES), F("IRTPS", VTD_GSTS_IRTPS), F("CFIS", VTD_GSTS_CFIS), END,
};

static const struct vtd_field_def rtaddr_fields[] = {
	F("TTM", VTD_RTADDR_TTM), F("RTA", VTD_RTADDR_RTA), END,
};

static const struct vtd_field_def fsts_fields[] = {
	F("PFO", VTD_FSTS_PFO), F("PPF", VTD_FSTS_PPF), F("AFO", VTD_FSTS_AFO),
	F("APF", VTD_FSTS_APF), F("IQE", VTD_FSTS_IQE), F("ICE", VTD_FSTS_ICE),
	F("ITE", VTD_FSTS_ITE), F("FRI", VTD_FSTS_FRI), END,
};

static const struct vtd_field_def fectl_fields[] = {
	F("IM", VTD_FECTL_IM), F("IP", VTD_FECTL_IP), END,
};

static const struct vtd_field_def pmen_fields[] = {
	F("EPM", VTD_PMEN_EPM), F("PRS", VTD_PMEN_PRS), END,
};

static const struct vtd_field_def iqa_fields[] = {
	F("IQA", VTD_IQA_IQA), F("DW", VTD_IQA_DW), F("QS", VTD_IQA_QS), END,
};

static const struct vtd_field_def irta_fields[] = {
	F("IRTA", VTD_IRTA_IRTA), F("EIME", VTD_IRTA_EIME), F("S", VTD_IRTA_S), END,
};

const struct vtd_unit_reg_def vtd_unit_regs[VTD_UR_COUNT] = {
	[VTD_UR_VER]    = { { "ver", VTD_REG_VER, 4 }, ver_fields },
	[VTD_UR_CAP]    = { { "cap", VTD_REG_CAP, 8 }, cap_fields },
	[VTD_UR_ECAP]   = { { "ecap", VTD_REG_ECAP, 8 }, ecap_fields },
	[VTD_UR_GSTS]   = { { "gsts", VTD_REG_GSTS, 4 }, gsts_fields },
	[VTD_UR_RTADDR] = { { "rtaddr", VTD_REG_RTADDR, 8 }, rtaddr_fields },
	[VTD_UR_FSTS]   = { { "fsts", VTD_REG_FSTS, 4 }, fsts_fields },
	[VTD_UR_FECTL]  = { { "fectl", VTD_REG_FECTL, 4 }, fectl_fields },
	[VTD_UR_PMEN]   = { { "pmen", VTD_REG_PMEN, 4 }, pmen_fields },
	[VTD_UR_IQA]    = { { "iqa", VTD_REG_IQA, 8 }, iqa_fields },
	[VTD_UR_IRTA]   = { { "irta", VTD_REG_IRTA, 8 }, irta_fields },
};

char *vtd_ecap_features(uint64_t ecap, char *buf, size_t size)
{
	static const struct vtd_field_def shown[] = {
		F("QI", VTD_ECAP_QI), F("DT", VTD_ECAP_DT), F("IR", VTD_ECAP_IR),
		F("EIM", VTD_ECAP_EIM), F("PT", VTD_ECAP_PT), F("SC", VTD_ECAP_SC),
	};
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < sizeof(shown) / sizeof(shown[0]) && len < size; i++)
		if (ecap & shown[i].mask)
			len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? " " : "",
						shown[i].name);
	return buf;
}
