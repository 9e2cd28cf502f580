/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VTDCERT_VERSION_H
#define VTDCERT_VERSION_H

#define VTDCERT_VERSION "0.1.0"

#endif
