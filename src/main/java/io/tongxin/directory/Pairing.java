package io.tongxin.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** 结对: a member paired with a resident or with a named household or grassroots unit (exactly one). */
@Entity
@Table(name = "pairing")
class Pairing extends CodedEntity {

    @Column(name = "member_code", nullable = false, length = 64)
    String memberCode;

    @Column(name = "resident_code", length = 64)
    String residentCode;

    @Column(length = 200)
    String household;
}
